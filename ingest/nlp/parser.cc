#include "ingest/nlp/parser.h"

#include <algorithm>
#include <stdexcept>

#include "ingest/nlp/bytes.h"
#include "ingest/nlp/parser_state.h"

namespace kg {

namespace {

constexpr size_t kMaxFeatures = 112;

uint64_t DistanceBucket(int d) {
  if (d <= 4) return static_cast<uint64_t>(d);
  if (d <= 6) return 5;
  if (d <= 9) return 6;
  return 7;
}

}  // namespace

size_t Parser::Features(const State& s, uint64_t* f) const {
  // Positions, as in Zhang & Nivre (2011): the stack top s0 and the one
  // below it s1, the buffer front n0 and the two after it, and the heads and
  // outermost children of s0 and n0. -1 is "no such word".
  const int s0 = s.stack_top(0), s1 = s.stack_top(1), n0 = s.front(0), n1 = s.front(1),
            n2 = s.front(2);
  const int s0h = s.head_of(s0), s0h2 = s.head_of(s0h);
  const int s0l = s.left(s0, 0), s0l2 = s.left(s0, 1), s0r = s.right(s0, 0),
            s0r2 = s.right(s0, 1), n0l = s.left(n0, 0), n0l2 = s.left(n0, 1);
  auto W = [&](int i) { return s.word(i); };
  auto P = [&](int i) { return s.tag(i); };
  auto L = [&](int i) { return s.label_of(i); };
  auto WP = [&](int i) { return MixHash(s.word(i), s.tag(i)); };
  const uint64_t d = s0 >= 0 && n0 >= 0 ? DistanceBucket(n0 - s0) : 0;
  size_t n = 0;
  uint64_t t = 0;
  auto F1 = [&](uint64_t a) { f[n++] = Feature(t++, a); };
  auto F2 = [&](uint64_t a, uint64_t b) { f[n++] = Feature(t++, a, b); };
  auto F3 = [&](uint64_t a, uint64_t b, uint64_t c) { f[n++] = Feature(t++, a, b, c); };
  // Single words.
  F1(W(s0)), F1(P(s0)), F1(WP(s0));
  F1(W(n0)), F1(P(n0)), F1(WP(n0));
  F1(W(n1)), F1(P(n1)), F1(WP(n1));
  F1(W(n2)), F1(P(n2)), F1(WP(n2));
  F1(W(s1)), F1(P(s1)), F1(WP(s1));
  // Pairs.
  F2(WP(s0), WP(n0)), F2(WP(s0), W(n0)), F2(W(s0), WP(n0));
  F2(WP(s0), P(n0)), F2(P(s0), WP(n0)), F2(W(s0), W(n0));
  F2(P(s0), P(n0)), F2(P(n0), P(n1)), F2(P(s1), P(s0)), F2(W(s1), W(s0));
  // Three tags.
  F3(P(n0), P(n1), P(n2)), F3(P(s0), P(n0), P(n1)), F3(P(s0h), P(s0), P(n0));
  F3(P(s0), P(s0l), P(n0)), F3(P(s0), P(s0r), P(n0)), F3(P(s0), P(n0), P(n0l));
  F3(P(s1), P(s0), P(n0));
  // Distance.
  F2(W(s0), d), F2(P(s0), d), F2(W(n0), d), F2(P(n0), d);
  F3(W(s0), W(n0), d), F3(P(s0), P(n0), d);
  // Valency.
  F2(W(s0), s.right_count(s0)), F2(P(s0), s.right_count(s0));
  F2(W(s0), s.left_count(s0)), F2(P(s0), s.left_count(s0));
  F2(W(n0), s.left_count(n0)), F2(P(n0), s.left_count(n0));
  // Heads and children.
  F1(W(s0h)), F1(P(s0h)), F1(L(s0));
  F1(W(s0l)), F1(P(s0l)), F1(L(s0l));
  F1(W(s0r)), F1(P(s0r)), F1(L(s0r));
  F1(W(n0l)), F1(P(n0l)), F1(L(n0l));
  // Second order.
  F1(W(s0h2)), F1(P(s0h2)), F1(L(s0h));
  F1(W(s0l2)), F1(P(s0l2)), F1(L(s0l2));
  F1(W(s0r2)), F1(P(s0r2)), F1(L(s0r2));
  F1(W(n0l2)), F1(P(n0l2)), F1(L(n0l2));
  F3(P(s0), P(s0l), P(s0l2)), F3(P(s0), P(s0r), P(s0r2));
  F3(P(s0), P(s0h), P(s0h2)), F3(P(n0), P(n0l), P(n0l2));
  // Label sets.
  F2(W(s0), s.right_labels(s0)), F2(P(s0), s.right_labels(s0));
  F2(W(s0), s.left_labels(s0)), F2(P(s0), s.left_labels(s0));
  F2(W(n0), s.left_labels(n0)), F2(P(n0), s.left_labels(n0));
  // Word and label pairs the templates above leave out.
  F3(P(s0), L(s0), P(n0)), F2(W(s0), L(s0));
  // Universal tags, which generalise over the fine ones, the words between
  // s0 and n0, and word endings, which stand in for a tag the tagger got
  // wrong.
  auto U = [&](int i) { return s.coarse(i); };
  auto S = [&](int i) { return s.suffix(i); };
  const int s0n = s.at(s0, 1), n0p = s.at(n0, -1);
  F2(U(s0), U(n0)), F3(U(s0), U(n0), U(n1));
  F1(P(s0n)), F1(P(n0p));
  F1(S(s0)), F1(S(n0)), F2(P(s0), S(n0)), F2(S(s0), P(n0));
  return n;
}

int Parser::Best(const State& s, const float* scores) const {
  // Legality depends on the move and, for arcs, only on whether the label is
  // the root's: the best of each run of classes is found without testing
  // each one.
  const int labels = this->labels();
  int best = -1;
  auto consider = [&](int c) {
    if (best < 0 || scores[c] > scores[best]) best = c;
  };
  if (s.Legal(State::kShift)) consider(State::kShift);
  if (s.Legal(State::kReduce)) consider(State::kReduce);
  for (int first : {2, 2 + labels}) {  // left arcs, then right arcs
    if (s.Legal(first + root_label_)) consider(first + root_label_);
    int other = root_label_ == 0 ? 1 : 0;  // any label that is not the root's
    if (other < labels && s.Legal(first + other))
      for (int l = 0; l < labels; ++l)
        if (l != root_label_) consider(first + l);
  }
  return best;
}

ParseTree Parser::Parse(const ParserInput& input) const {
  State s(input, labels(), root_label_);
  std::vector<float> scores(static_cast<size_t>(model_.classes()));
  uint64_t f[kMaxFeatures];
  while (!s.terminal()) {
    size_t n = Features(s, f);
    std::fill(scores.begin(), scores.end(), 0.0f);
    model_.Score(f, n, scores.data());
    s.Apply(Best(s, scores.data()));
  }
  return s.Finish(fallback_label_);
}

std::string Parser::Serialize() const {
  ByteWriter out;
  out.PutStrings(labels_);
  out.Put<uint32_t>(static_cast<uint32_t>(root_label_));
  out.Put<uint32_t>(static_cast<uint32_t>(tags_));
  out.bytes() += model_.Serialize();
  return std::move(out.bytes());
}

Parser Parser::FromBytes(std::string_view bytes) {
  Parser p;
  ByteReader r(bytes);
  p.labels_ = r.GetStrings();
  p.root_label_ = static_cast<int>(r.Get<uint32_t>());
  p.tags_ = static_cast<int>(r.Get<uint32_t>());
  if (p.labels_.empty() || p.labels_.size() > 64 ||
      p.root_label_ >= static_cast<int>(p.labels_.size()))
    throw std::runtime_error("bad label set");
  p.fallback_label_ = p.root_label_;
  for (int l = 0; l < p.labels(); ++l)
    if (p.labels_[l] == "parataxis") p.fallback_label_ = l;
  p.model_ = LinearModel::FromBytes(r.Rest());
  if (p.model_.classes() != State::Classes(p.labels()))
    throw std::runtime_error("label count mismatch");
  return p;
}

}  // namespace kg
