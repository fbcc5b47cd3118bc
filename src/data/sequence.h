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
#pragma once

#include "data/dataset.h"

namespace nnplay::data {

Dataset make_memory_task(int num_samples, int seq_len, int num_symbols, float noise, uint64_t seed);

}  // namespace nnplay::data
