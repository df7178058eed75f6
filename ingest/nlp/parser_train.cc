// Training the parser: projectivised gold trees, the arc-eager dynamic oracle
// (Goldberg & Nivre 2012, 2013) and error exploration.
#include <algorithm>
#include <map>
#include <random>
#include <stdexcept>

#include "ingest/nlp/parser.h"
#include "ingest/nlp/parser_state.h"

namespace kg {

namespace {

// True when `a` dominates `d` (or is it). heads: -1 for the root.
bool Dominates(const std::vector<int>& heads, int a, int d) {
  for (int steps = 0; d >= 0 && steps <= static_cast<int>(heads.size());
       d = heads[d], ++steps)
    if (d == a) return true;
  return false;
}

// Lifts non-projective arcs, shortest first, to the head's head until the
// tree is projective (Nivre & Nilsson 2005, without encoding the lifts in
// the labels): the arc-eager oracle needs a tree it can build.
void Projectivize(std::vector<int>& heads) {
  const int n = static_cast<int>(heads.size());
  for (int round = 0; round < n * n; ++round) {
    int best = -1, best_span = n + 1;
    for (int d = 0; d < n; ++d) {
      int h = heads[d];
      if (h < 0) continue;
      int lo = std::min(h, d), hi = std::max(h, d);
      bool projective = true;
      for (int k = lo + 1; k < hi && projective; ++k) projective = Dominates(heads, h, k);
      if (!projective && hi - lo < best_span) best = d, best_span = hi - lo;
    }
    if (best < 0) return;
    heads[best] = heads[heads[best]];
  }
}

}  // namespace

// The cost of each transition: how many gold arcs it makes unreachable
// (arc-eager is arc-decomposable, so that count is exact).
struct Parser::Oracle {
  const std::vector<int>& heads;   // gold, 0..n-1 or n for the root
  const std::vector<int>& labels;  // gold

  void Costs(const State& s, int L, std::vector<int>& cost) const {
    const int n = s.size(), b = s.buffer();
    const std::vector<int>& stack = s.stack();
    const int s0 = stack.empty() ? -1 : stack.back();
    // Arcs between the buffer front and the stack that a shift or a
    // right-arc would lose.
    int b_head_in_stack = 0, b_deps_in_stack = 0;
    for (int k : stack) {
      if (b < n && heads[b] == k) ++b_head_in_stack;
      if (heads[k] == b && s.head(k) == State::kNone) ++b_deps_in_stack;
    }
    int s0_deps_in_buffer = 0, s0_head_in_buffer_after_b = 0, b_head_after_b = 0;
    for (int k = b; k < n; ++k)
      if (s0 >= 0 && heads[k] == s0) ++s0_deps_in_buffer;
    if (s0 >= 0 && heads[s0] > b) ++s0_head_in_buffer_after_b;
    if (b < n && heads[b] > b) ++b_head_after_b;
    const int b_head_below_s0 =
        b < n && s0 >= 0 && heads[b] != s0 && b_head_in_stack ? 1 : 0;

    cost.assign(static_cast<size_t>(State::Classes(L)), 1 << 20);
    for (int c = 0; c < State::Classes(L); ++c) {
      if (!s.Legal(c)) continue;
      int x;
      if (c == State::kShift) {
        x = b_head_in_stack + b_deps_in_stack;
      } else if (c == State::kReduce) {
        x = s0_deps_in_buffer;
      } else if (State::IsLeft(c, L)) {
        x = s0_head_in_buffer_after_b + s0_deps_in_buffer;
        if (heads[s0] == b && labels[s0] != State::LabelOf(c, L)) ++x;
      } else {
        x = b_head_below_s0 + b_head_after_b + b_deps_in_stack;
        if (heads[b] == s0 && labels[b] != State::LabelOf(c, L)) ++x;
      }
      cost[static_cast<size_t>(c)] = x;
    }
  }
};

Parser Parser::Train(const std::vector<ConlluSentence>& train,
                     const std::vector<std::vector<int>>& tags, const Tagger& tagger,
                     const TrainOptions& opts) {
  if (tags.size() != train.size())
    throw std::runtime_error("tags do not fit the sentences");
  Parser p;
  // Labels, most frequent first; "root" among them.
  std::map<std::string, int64_t> count;
  for (const auto& s : train)
    for (const auto& w : s.words) ++count[w.deprel];
  std::vector<std::pair<int64_t, std::string>> by_count;
  for (const auto& [l, c] : count) by_count.push_back({-c, l});
  std::sort(by_count.begin(), by_count.end());
  std::map<std::string, int> label_of;
  for (const auto& [c, l] : by_count) {
    label_of[l] = static_cast<int>(p.labels_.size());
    p.labels_.push_back(l);
  }
  if (p.labels_.size() > 64) throw std::runtime_error("more than 64 relations");
  if (!label_of.count("root")) throw std::runtime_error("no root relation in training");
  p.root_label_ = label_of["root"];
  p.fallback_label_ = label_of.count("parataxis") ? label_of["parataxis"] : p.root_label_;
  const int L = p.labels();
  p.tags_ = tagger.classes();

  struct Sample {
    ParserInput input;
    std::vector<int> heads, labels;
  };
  std::vector<Sample> samples;
  for (size_t si = 0; si < train.size(); ++si) {
    const ConlluSentence& s = train[si];
    Sample x;
    for (const auto& w : s.words) {
      x.input.forms.push_back(w.form);
      x.heads.push_back(w.head);
      x.labels.push_back(label_of[w.deprel]);
    }
    x.input.tags = tags[si];
    for (int t : x.input.tags) x.input.coarse.push_back(tagger.coarse(t));
    if (x.input.tags.size() != x.input.forms.size())
      throw std::runtime_error("tags do not fit the sentences");
    Projectivize(x.heads);
    const int n = static_cast<int>(x.heads.size());
    for (int& h : x.heads)
      if (h < 0) h = n;  // the root is the word after the last
    samples.push_back(std::move(x));
  }

  LinearModelTrainer trainer(State::Classes(L));
  std::vector<size_t> order(samples.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(opts.seed);
  std::vector<float> scores(static_cast<size_t>(State::Classes(L)));
  std::vector<int> cost;
  uint64_t f[128];
  for (int it = 0; it < opts.iterations; ++it) {
    Shuffle(order, rng);
    int64_t right = 0, total = 0;
    for (size_t si : order) {
      const Sample& x = samples[si];
      Oracle oracle{x.heads, x.labels};
      State s(x.input, L, p.root_label_);
      while (!s.terminal()) {
        size_t n = p.Features(s, f);
        if (it == 0) trainer.Count(f, n);
        std::fill(scores.begin(), scores.end(), 0.0f);
        trainer.Score(f, n, scores.data());
        oracle.Costs(s, L, cost);
        // The model's choice, and the best of the cheapest transitions.
        int guess = -1, best = -1;
        for (int c = 0; c < State::Classes(L); ++c) {
          if (!s.Legal(c)) continue;
          if (guess < 0 || scores[c] > scores[guess]) guess = c;
          if (best < 0 || cost[c] < cost[best] ||
              (cost[c] == cost[best] && scores[c] > scores[best]))
            best = c;
        }
        if (cost[guess] > cost[best]) trainer.Update(f, n, best, guess);
        trainer.Tick();
        right += cost[guess] == cost[best];
        ++total;
        // Error exploration: from the second iteration on, follow the
        // model's own choice most of the time, right or wrong.
        bool explore = it > 0 && rng() % 10 < 9;
        s.Apply(explore ? guess : best);
      }
    }
    if (opts.log)
      opts.log("parser iteration " + std::to_string(it + 1) + ": " +
               std::to_string(100.0 * right / std::max<int64_t>(total, 1)) +
               "% of transitions right on train");
  }
  p.model_ = trainer.Finish(opts.min_count, opts.min_weight);
  return p;
}

}  // namespace kg
