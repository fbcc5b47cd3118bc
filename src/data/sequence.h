// sequence.h — a sequence task where long memory matters, for RNN vs LSTM
// (lecture "RNN and LSTM": vanishing gradients make long-term dependencies
// hard for a plain RNN; the LSTM's gates keep them).
//
// "memory": each sample is a sequence of T one-hot symbols from an alphabet
// of K; the label is the FIRST symbol. The other T−1 symbols are random
// distractors, so the network must carry the first symbol through T steps.
//   x: (N, T, K) batch-first, one-hot rows     y: class in [0, K)
// noise in [0, 0.5] is the probability that a sample's label is replaced by a
// random symbol (label noise, as in the 2D sets).
//
// "recall": recall the MARKED symbol. Each step has K symbol channels and a
// marker channel; the marker is 1 at one step p drawn uniformly from the first
// kRecallWindow = 10 (or all T if fewer), as Hochreiter & Schmidhuber's (1997)
// adding problem marks its first number among the first 10 steps. Every step
// holds a random symbol (distractors before and after p); the label is the
// symbol at p, so it must be kept T−1−p ≥ T−10 steps. An LSTM's input gate can
// open on the marker and its forget gate keep the cell; a plain RNN has no
// gate: it cannot simply latch onto its first input (the state is not empty
// at p), and every later distractor is added into the state that carries it.
//   x: (N, T, K + 1) batch-first, one-hot symbol in channels [0, K), marker in
//   channel K          y: the marked symbol, class in [0, K)
// noise: label noise as above.
#pragma once

#include "data/dataset.h"

namespace nnplay::data {

Dataset make_memory_task(int num_samples, int seq_len, int num_symbols, float noise, uint64_t seed);
inline constexpr int kRecallWindow = 10;
Dataset make_recall_task(int num_samples, int seq_len, int num_symbols, float noise, uint64_t seed);

}  // namespace nnplay::data
