// Relation frames (ingest/frames.h) and the voice-free roles under them
// (ingest/arguments.h), on hand-built trees: no model is involved.
#include "ingest/frames.h"

#include <catch2/catch.hpp>
#include <deque>

#include "base/base.h"
#include "ingest/arguments.h"

namespace kg {
namespace {

// A sentence from "FORM/LEMMA/UPOS/XPOS/HEAD/DEPREL" items (HEAD 1-based, 0
// for the root), as in CoNLL-U.
AnnotatedSentence Tree(const std::vector<std::string>& words) {
  static std::deque<std::string> keep;  // stable: the views below point into it
  AnnotatedSentence s;
  s.parsed = true;
  for (const std::string& w : words) {
    auto c = Split(w, '/');
    REQUIRE(c.size() == 6);
    for (int k : {2, 3, 5}) keep.push_back(c[k]);
    AnnotatedWord a;
    a.form = c[0];
    a.lemma = c[1];
    size_t n = keep.size();
    a.upos = keep[n - 3];
    a.xpos = keep[n - 2];
    a.deprel = keep[n - 1];
    a.head = std::stoi(c[4]) - 1;
    s.words.push_back(std::move(a));
  }
  return s;
}

const std::unordered_set<std::string> kLight = {"impose"};

TEST_CASE("the agent is found in every voice") {
  // "Huawei was sanctioned by Washington"
  auto passive =
      Tree({"Huawei/Huawei/PROPN/NNP/3/nsubj:pass", "was/be/AUX/VBD/3/aux:pass",
            "sanctioned/sanction/VERB/VBN/0/root", "by/by/ADP/IN/5/case",
            "Washington/Washington/PROPN/NNP/3/obl:agent"});
  Arguments a(passive, kLight);
  CHECK(a.Fill(2, "A") == std::vector<int>{4});
  CHECK(a.Fill(2, "P") == std::vector<int>{0});
  // "chips designed by Huawei": a reduced relative.
  auto reduced = Tree({"chips/chip/NOUN/NNS/0/root", "designed/design/VERB/VBN/1/acl",
                       "by/by/ADP/IN/4/case", "Huawei/Huawei/PROPN/NNP/2/obl:agent"});
  Arguments r(reduced, kLight);
  CHECK(r.Fill(1, "A") == std::vector<int>{3});
  CHECK(r.Fill(1, "P") == std::vector<int>{0});
  // "TSMC, which makes chips": a relative clause.
  auto relative = Tree({"TSMC/TSMC/PROPN/NNP/0/root", ",/,/PUNCT/,/4/punct",
                        "which/which/PRON/WDT/4/nsubj", "makes/make/VERB/VBZ/1/acl:relcl",
                        "chips/chip/NOUN/NNS/4/obj"});
  Arguments rel(relative, kLight);
  CHECK(rel.Fill(3, "A") == std::vector<int>{0});
  // "Washington forced DeepSeek to use chips": object control.
  auto control =
      Tree({"Washington/Washington/PROPN/NNP/2/nsubj", "forced/force/VERB/VBD/0/root",
            "DeepSeek/DeepSeek/PROPN/NNP/2/obj", "to/to/PART/TO/5/mark",
            "use/use/VERB/VB/2/xcomp", "chips/chip/NOUN/NNS/5/obj"});
  Arguments ctl(control, kLight);
  CHECK(ctl.Fill(4, "A") == std::vector<int>{2});
  // "Washington imposed a ban on chips": a light verb lends its subject.
  auto light =
      Tree({"Washington/Washington/PROPN/NNP/2/nsubj", "imposed/impose/VERB/VBD/0/root",
            "a/a/DET/DT/4/det", "ban/ban/NOUN/NN/2/obj", "on/on/ADP/IN/6/case",
            "chips/chip/NOUN/NNS/4/nmod"});
  Arguments lv(light, kLight);
  CHECK(lv.Fill(3, "A") == std::vector<int>{0});
  CHECK(lv.Fill(3, "@on") == std::vector<int>{5});
  CHECK(lv.Clause(3) == std::vector<int>{3, 1});
}

TEST_CASE("a frame file with a mistake is named with its line") {
  auto error_of = [](const std::string& tsv) {
    try {
      Frames f(tsv, "my-frames.tsv");
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(error_of("# ok\nsanctions\t0.9\tV:sanction\tA:Country\n") ==
        "my-frames.tsv:2: expected 5 tab-separated columns, got 4");
  CHECK(error_of("sanctions\thigh\tV:sanction\tA:Country\tP:Company\n") ==
        "my-frames.tsv:1: confidence must be a number in (0, 1]: \"high\"");
  CHECK(error_of("sanctions\t0.9\tX:sanction\tA:Country\tP:Company\n") ==
        "my-frames.tsv:1: triggers must read V:lemma,... N:... A:... or E:name");
  CHECK(error_of("sanctions\t0.9\tV:sanction\tA[x:Country\tP:Company\n") ==
        "my-frames.tsv:1: unclosed [ in \"A[x\"");
  CHECK(error_of("sanctions\t0.9\tV:sanction\tA:Country\tP:Company\n").empty());
  CHECK(Frames::Bundled().size() > 50);
}

TEST_CASE("a frame fires on the tree, and not under a negation") {
  Frames frames("sanctions\t0.9\tV:sanction\tA:Country\tP:Company\n", "t.tsv");
  Cues cues;
  auto run = [&](const AnnotatedSentence& s) {
    std::vector<WordEntity> at(s.words.size());
    at[0] = {0, "Country", false, false, 0};
    at[s.words.size() - 1] = {1, "Company", false, false,
                              static_cast<int>(s.words.size() - 1)};
    cues.negation = {"not"};
    Frames::EntityMaker make;
    make.fixed = [](const std::string&) { return std::pair<int, std::string>{-1, ""}; };
    make.unknown = [](int, const std::string&) { return -1; };
    return frames.Match(s, at, cues, make);
  };
  auto yes =
      run(Tree({"Washington/Washington/PROPN/NNP/2/nsubj",
                "sanctioned/sanction/VERB/VBD/0/root", "Huawei/Huawei/PROPN/NNP/2/obj"}));
  REQUIRE(yes.size() == 1);
  CHECK(yes[0].subject == 0);
  CHECK(yes[0].object == 1);
  auto no = run(Tree({"Washington/Washington/PROPN/NNP/4/nsubj", "did/do/AUX/VBD/4/aux",
                      "not/not/PART/RB/4/advmod", "sanction/sanction/VERB/VB/0/root",
                      "Huawei/Huawei/PROPN/NNP/4/obj"}));
  CHECK(no.empty());
}

}  // namespace
}  // namespace kg
