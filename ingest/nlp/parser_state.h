// Internal to the parser (parser.cc, parser_train.cc): the arc-eager
// transition system. Words are 0..n-1; n is the artificial root, which sits
// at the end of the buffer and is never shifted, so every word that is still
// on the stack when the buffer is spent gets the root as its head.
#ifndef KG_INGEST_NLP_PARSER_STATE_H_
#define KG_INGEST_NLP_PARSER_STATE_H_

#include <cstdint>
#include <vector>

#include "ingest/nlp/parser.h"
#include "ingest/nlp/perceptron.h"
#include "ingest/nlp/words.h"

namespace kg {

class Parser::State {
 public:
  // Transitions: SHIFT, REDUCE, LEFT-ARC(label), RIGHT-ARC(label), as
  // classes 0, 1, 2 + label, 2 + labels + label.
  static constexpr int kShift = 0, kReduce = 1;
  static int Classes(int labels) { return 2 + 2 * labels; }
  static bool IsLeft(int c, int labels) { return c >= 2 && c < 2 + labels; }
  static bool IsRight(int c, int labels) { return c >= 2 + labels; }
  static int LabelOf(int c, int labels) { return (c - 2) % labels; }

  State(const ParserInput& in, int labels, int root_label)
      : n_(static_cast<int>(in.forms.size())), labels_(labels), root_label_(root_label) {
    words_.resize(n_ + 2);
    tags_.resize(n_ + 2);
    coarse_.resize(n_ + 2);
    suffix_.resize(n_ + 2);
    std::string lower;
    for (int i = 0; i < n_; ++i) {
      NormalizedLower(in.forms[i], &lower);
      words_[i] = HashString(lower);
      suffix_[i] = HashString(Utf8Suffix(lower, 3));
      tags_[i] = static_cast<uint64_t>(in.tags[i]) + 2;
      coarse_[i] = static_cast<uint64_t>(in.coarse[i]) + 2;
    }
    static const uint64_t kRootWord = HashString("<root>"),
                          kNoWord = HashString("<none>");
    words_[n_] = suffix_[n_] = kRootWord;  // the root
    tags_[n_] = coarse_[n_] = 1;
    words_[n_ + 1] = suffix_[n_ + 1] = kNoWord;  // index -1 reads this slot
    tags_[n_ + 1] = coarse_[n_ + 1] = 0;
    const size_t m = static_cast<size_t>(n_) + 1;
    head_.assign(m, kNone);
    label_.assign(m, -1);
    l1_.assign(m, -1), l2_.assign(m, -1), r1_.assign(m, -1), r2_.assign(m, -1);
    nl_.assign(m, 0), nr_.assign(m, 0);
    lset_.assign(m, 0), rset_.assign(m, 0);
    stack_.reserve(m);
  }

  bool terminal() const { return b_ == n_ && stack_.empty(); }
  int size() const { return n_; }
  int buffer() const { return b_; }
  const std::vector<int>& stack() const { return stack_; }
  // Head of word i so far: a word, n (the root) or kNone.
  int head(int i) const { return head_[i]; }
  static constexpr int kNone = -2;

  // Feature accessors; i == -1 is "no such word".
  int stack_top(int k) const {
    return static_cast<int>(stack_.size()) > k ? stack_[stack_.size() - 1 - k] : -1;
  }
  int front(int k) const { return b_ + k <= n_ ? b_ + k : -1; }
  int head_of(int i) const { return i >= 0 && i < n_ && head_[i] >= 0 ? head_[i] : -1; }
  int left(int i, int k) const { return i < 0 ? -1 : k == 0 ? l1_[i] : l2_[i]; }
  int right(int i, int k) const { return i < 0 ? -1 : k == 0 ? r1_[i] : r2_[i]; }
  uint64_t word(int i) const { return words_[Slot(i)]; }
  uint64_t tag(int i) const { return tags_[Slot(i)]; }
  uint64_t coarse(int i) const { return coarse_[Slot(i)]; }
  uint64_t suffix(int i) const { return suffix_[Slot(i)]; }
  // Word i + k in the sentence, or -1 outside it.
  int at(int i, int k) const { return i < 0 || i + k < 0 || i + k >= n_ ? -1 : i + k; }
  uint64_t label_of(int i) const {
    return i < 0 ? 0 : static_cast<uint64_t>(label_[i] + 2);
  }
  uint64_t left_count(int i) const { return i < 0 ? 0 : nl_[i]; }
  uint64_t right_count(int i) const { return i < 0 ? 0 : nr_[i]; }
  uint64_t left_labels(int i) const { return i < 0 ? 0 : lset_[i]; }
  uint64_t right_labels(int i) const { return i < 0 ? 0 : rset_[i]; }

  bool Legal(int c) const {
    const bool has_s0 = !stack_.empty();
    if (c == kShift) return b_ < n_;
    if (c == kReduce) return has_s0 && head_[stack_.back()] != kNone;
    const int l = LabelOf(c, labels_);
    if (IsLeft(c, labels_))
      return has_s0 && head_[stack_.back()] == kNone && (b_ == n_) == (l == root_label_);
    return has_s0 && b_ < n_ && l != root_label_;
  }

  void Apply(int c) {
    if (c == kShift) {
      stack_.push_back(b_++);
    } else if (c == kReduce) {
      stack_.pop_back();
    } else if (IsLeft(c, labels_)) {
      AddArc(b_, stack_.back(), LabelOf(c, labels_));
      stack_.pop_back();
    } else {
      AddArc(stack_.back(), b_, LabelOf(c, labels_));
      stack_.push_back(b_++);
    }
  }

  // The tree, with one root: when several words ended up on the root, the
  // one heading the most words keeps it and the others hang from it.
  ParseTree Finish(int fallback_label) const {
    ParseTree t;
    t.heads.assign(head_.begin(), head_.end() - 1);
    t.labels.assign(label_.begin(), label_.end() - 1);
    std::vector<int> roots, size(static_cast<size_t>(n_), 1);
    for (int i = 0; i < n_; ++i) {
      if (t.heads[i] == n_ || t.heads[i] < 0) {
        roots.push_back(i);
        continue;
      }
      for (int h = t.heads[i], steps = 0; h >= 0 && h < n_ && steps < n_;
           h = t.heads[h], ++steps)
        ++size[h];
    }
    int main = roots.empty() ? 0 : roots[0];
    for (int r : roots)
      if (size[r] > size[main]) main = r;
    for (int r : roots) {
      t.heads[r] = r == main ? -1 : main;
      t.labels[r] = r == main ? root_label_ : fallback_label;
    }
    return t;
  }

 private:
  size_t Slot(int i) const { return i < 0 ? static_cast<size_t>(n_) + 1 : size_t(i); }
  void AddArc(int h, int d, int l) {
    head_[d] = h;
    label_[d] = l;
    uint64_t bit = uint64_t{1} << (l & 63);
    if (d < h) {
      ++nl_[h];
      lset_[h] |= bit;
      if (l1_[h] < 0 || d < l1_[h]) {
        l2_[h] = l1_[h];
        l1_[h] = d;
      } else if (l2_[h] < 0 || d < l2_[h]) {
        l2_[h] = d;
      }
    } else {
      ++nr_[h];
      rset_[h] |= bit;
      if (r1_[h] < 0 || d > r1_[h]) {
        r2_[h] = r1_[h];
        r1_[h] = d;
      } else if (r2_[h] < 0 || d > r2_[h]) {
        r2_[h] = d;
      }
    }
  }

  int n_, labels_, root_label_;
  int b_ = 0;
  std::vector<int> stack_;
  std::vector<uint64_t> words_, tags_, coarse_, suffix_;
  std::vector<int> head_, label_;
  std::vector<int> l1_, l2_, r1_, r2_;  // outermost children, left and right
  std::vector<uint64_t> nl_, nr_, lset_, rset_;
};

}  // namespace kg

#endif  // KG_INGEST_NLP_PARSER_STATE_H_
