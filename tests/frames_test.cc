// Relation frames (ingest/frames.h) and the voice-free roles under them
// (ingest/arguments.h), on hand-built trees: no model is involved.
#include "ingest/frames.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <deque>

#include "base/base.h"
#include "ingest/arguments.h"
#include "ingest/cues.h"

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

TEST_CASE("phrases the parser hung in the wrong place are read where they belong") {
  auto takes = [](char pos, std::string_view lemma, std::string_view case_word) {
    return (pos == 'V' && lemma == "place" && case_word == "on") ||
           (pos == 'N' && lemma == "curb" && case_word == "on");
  };
  // "placed Huawei and 68 of its affiliates on the list": "on the list"
  // hung from "affiliates", below the object; "68" coordinated with the verb.
  auto low = Tree({"Commerce/Commerce/PROPN/NNP/2/nsubj", "placed/place/VERB/VBD/0/root",
                   "Huawei/Huawei/PROPN/NNP/2/obj", "and/and/CCONJ/CC/5/cc",
                   "68/68/NUM/CD/2/conj", "of/of/ADP/IN/7/case",
                   "affiliates/affiliate/NOUN/NNS/5/nmod", "on/on/ADP/IN/10/case",
                   "the/the/DET/DT/10/det", "list/list/NOUN/NN/7/nmod"});
  Arguments repaired(low, kLight, nullptr, takes);
  CHECK(repaired.head(9) == 1);
  CHECK(repaired.Fill(1, "@on") == std::vector<int>{9});
  Arguments as_parsed(low, kLight);  // without the frames' knowledge: the parser's tree
  CHECK(as_parsed.head(9) == 6);
  CHECK(as_parsed.Fill(1, "@on").empty());
  // "join U.S. curbs on exports": "on exports" hung from the verb.
  auto high = Tree({"Japan/Japan/PROPN/NNP/2/nsubj", "joined/join/VERB/VBD/0/root",
                    "U.S./U.S./PROPN/NNP/4/compound", "curbs/curb/NOUN/NNS/2/obj",
                    "on/on/ADP/IN/6/case", "exports/export/NOUN/NNS/2/obl"});
  Arguments noun(high, kLight, nullptr, takes);
  CHECK(noun.head(5) == 3);
  CHECK(noun.Fill(3, "@on") == std::vector<int>{5});
  Arguments no_frames(high, kLight);  // no knowledge of what takes what: the tree stands
  CHECK(no_frames.head(5) == 1);
  // "Acme in Lyon and Bolt in Nice": "in Nice" hung on Acme is Bolt's...
  auto pairs = Tree({"Acme/Acme/PROPN/NNP/0/root", "in/in/ADP/IN/3/case",
                     "Lyon/Lyon/PROPN/NNP/1/nmod", "and/and/CCONJ/CC/5/cc",
                     "Bolt/Bolt/PROPN/NNP/1/conj", "in/in/ADP/IN/7/case",
                     "Nice/Nice/PROPN/NNP/1/nmod"});
  Arguments pr(pairs, kLight);
  CHECK(pr.head(6) == 4);
  CHECK(pr.Fill(4, "@in") == std::vector<int>{6});
  // ...but in "Acme and Bolt from Nice" it is shared, as UD hangs it.
  auto shared = Tree({"Acme/Acme/PROPN/NNP/0/root", "and/and/CCONJ/CC/3/cc",
                      "Bolt/Bolt/PROPN/NNP/1/conj", "from/from/ADP/IN/5/case",
                      "Nice/Nice/PROPN/NNP/1/nmod"});
  Arguments sh(shared, kLight);
  CHECK(sh.head(4) == 0);
  CHECK(sh.Fill(0, "@from") == std::vector<int>{4});
  CHECK(sh.Fill(2, "@from") == std::vector<int>{4});
}

TEST_CASE("a name beside a noun is the one it describes however it was hung") {
  // "its chip unit HiSilicon would design": the parser made both subjects.
  auto after = Tree({"its/its/PRON/PRP$/3/nmod:poss", "chip/chip/NOUN/NN/3/compound",
                     "unit/unit/NOUN/NN/6/nsubj", "HiSilicon/HiSilicon/PROPN/NNP/6/nsubj",
                     "would/would/AUX/MD/6/aux", "design/design/VERB/VB/0/root"});
  Arguments a(after, kLight);
  CHECK(a.NameAfter(2) == 3);
  CHECK(a.Fill(2, "D") == std::vector<int>{3});
  // "told the ministry China would retaliate": the name opens a clause.
  auto clause =
      Tree({"He/he/PRON/PRP/2/nsubj", "told/tell/VERB/VBD/0/root", "the/the/DET/DT/4/det",
            "ministry/ministry/NOUN/NN/2/obj", "China/China/PROPN/NNP/7/nsubj",
            "would/would/AUX/MD/7/aux", "retaliate/retaliate/VERB/VB/2/ccomp"});
  Arguments c(clause, kLight);
  CHECK(c.NameAfter(3) == -1);
  // "Oracle, Silver Lake and MGX, an investment fund": the apposition hung
  // from Oracle renames MGX, the last name before it.
  auto appos = Tree({"Oracle/Oracle/PROPN/NNP/0/root", ",/,/PUNCT/,/3/punct",
                     "Lake/Lake/PROPN/NNP/1/conj", "and/and/CCONJ/CC/5/cc",
                     "MGX/MGX/PROPN/NNP/1/conj", ",/,/PUNCT/,/8/punct",
                     "an/a/DET/DT/8/det", "fund/fund/NOUN/NN/1/appos"});
  Arguments r(appos, kLight);
  CHECK(r.Renamed(7) == 4);
  CHECK(r.Renamed(4) == -1);
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
        "my-frames.tsv:2: expected 5 or 6 tab-separated columns, got 4");
  CHECK(error_of("sanctions\thigh\tV:sanction\tA:Country\tP:Company\n") ==
        "my-frames.tsv:1: confidence must be a number in (0, 1]: \"high\"");
  CHECK(error_of("sanctions\t0.9\tX:sanction\tA:Country\tP:Company\n") ==
        "my-frames.tsv:1: triggers must read V:lemma,... N:... A:... or E:name");
  CHECK(error_of("sanctions\t0.9\tV:sanction\tA[x:Country\tP:Company\n") ==
        "my-frames.tsv:1: unclosed [ in \"A[x\"");
  CHECK(error_of("sanctions\t0.9\tV:sanction\tA:Country\tP:Company\tmaybe\n") ==
        "my-frames.tsv:1: the only flag is \"denied\", not \"maybe\"");
  CHECK(error_of("sanctions\t0.9\tV:sanction\tA|~somebody:Country\tP:Company\n") ==
        "my-frames.tsv:1: the only salient role is ~restrictor, not \"~somebody\"");
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

TEST_CASE("regular inflections give their base forms") {
  auto has = [](const std::string& w, const std::string& base) {
    auto c = RegularBases(w);
    return std::find(c.begin(), c.end(), base) != c.end();
  };
  CHECK(has("curbed", "curb"));
  CHECK(has("barred", "bar"));
  CHECK(has("banning", "ban"));
  CHECK(has("easing", "ease"));
  CHECK(has("eases", "ease"));
  CHECK(has("subsidies", "subsidy"));
  CHECK(has("blacklists", "blacklist"));
  CHECK(RegularBases("press").empty());  // no "pres"
  CHECK(RegularBases("ban").empty());
}

TEST_CASE("a word the lemmatiser got wrong is read as the trigger it inflects") {
  // The lemmatiser gave "curbed" the lemma "cur"; the frame's trigger is curb.
  auto s = Tree({"Taiwan/Taiwan/PROPN/NNP/2/nsubj", "curbed/cur/VERB/VBD/0/root",
                 "Huawei/Huawei/PROPN/NNP/2/obj"});
  std::unordered_set<std::string> none;
  CHECK(Arguments(s, none).lower_lemma(1) == "cur");
  auto known = [](const std::string& l) { return l == "curb"; };
  CHECK(Arguments(s, none, known).lower_lemma(1) == "curb");
  // A proper noun keeps its lemma whatever its form.
  CHECK(Arguments(s, none, known).lower_lemma(0) == "taiwan");
}

TEST_CASE(
    "a denied frame fires only under a negation and ~restrictor fills an empty agent") {
  Frames frames(
      "restricts_export_of\t0.8\tV:ship+licence\t~restrictor:Country\tP:Chip\tdenied\n",
      "t.tsv");
  Cues cues;
  cues.negation = {"not", "without"};
  auto run = [&](const AnnotatedSentence& s, int chip) {
    std::vector<WordEntity> at(s.words.size());
    at[static_cast<size_t>(chip)] = {1, "Chip", false, false, chip};
    Frames::EntityMaker make;
    make.fixed = [](const std::string&) { return std::pair<int, std::string>{-1, ""}; };
    make.unknown = [](int, const std::string&) { return -1; };
    make.salient = [](const std::string& role) { return role == "restrictor" ? 7 : -1; };
    return frames.Match(s, at, cues, make);
  };
  // "The A100 cannot be shipped without a licence."
  auto denied = run(Tree({"A100/A100/PROPN/NNP/5/nsubj:pass", "can/can/AUX/MD/5/aux",
                          "not/not/PART/RB/5/advmod", "be/be/AUX/VB/5/aux:pass",
                          "shipped/ship/VERB/VBN/0/root", "without/without/ADP/IN/8/case",
                          "a/a/DET/DT/8/det", "licence/licence/NOUN/NN/5/obl"}),
                    0);
  REQUIRE(denied.size() == 1);
  CHECK(denied[0].subject == 7);
  CHECK(denied[0].object == 1);
  CHECK(denied[0].coref);  // the salient agent is a guess, and costs confidence
  // "The A100 can be shipped with a licence."
  auto allowed = run(Tree({"A100/A100/PROPN/NNP/4/nsubj:pass", "can/can/AUX/MD/4/aux",
                           "be/be/AUX/VB/4/aux:pass", "shipped/ship/VERB/VBN/0/root",
                           "with/with/ADP/IN/7/case", "a/a/DET/DT/7/det",
                           "licence/licence/NOUN/NN/4/obl"}),
                     0);
  CHECK(allowed.empty());
}

TEST_CASE("names.tsv: given names and places and capitals and its mistakes named") {
  const Cues& c = Cues::Bundled();
  CHECK(c.given_name.count("roger"));
  CHECK(c.place_country.at("shenzhen") == "China");
  CHECK(c.place_country.at("ohio") == "United States");
  CHECK(c.person_cue.count("sen."));  // cues.tsv is read too
  CHECK(c.capital.count("beijing"));  // a capital is a place too
  CHECK(c.place_country.at("beijing") == "China");
  CHECK(c.locative.count("in"));
  auto error_of = [](const std::string& tsv) {
    try {
      Cues::Parse(tsv, "my-names.tsv");
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(error_of("# places\nplace\tChicago\n") ==
        "my-names.tsv:2: expected place<TAB>NAME<TAB>COUNTRY");
  CHECK(error_of("given\troger\nplace\tChicago\tUnited States\n").empty());
  CHECK(error_of("capital\tOslo\n") ==
        "my-names.tsv:1: expected capital<TAB>NAME<TAB>COUNTRY");
}

}  // namespace
}  // namespace kg
