#include "data/sequence.h"

#include <algorithm>

namespace nnplay::data {

Dataset make_memory_task(int num_samples, int seq_len, int num_symbols, float noise, uint64_t seed) {
  Rng rng(seed, RngStream::Data);
  Dataset ds;
  ds.name = "memory";
  ds.sample_shape = Shape{1, seq_len, num_symbols};
  ds.num_classes = num_symbols;
  for (int k = 0; k < num_symbols; ++k) ds.class_names.push_back(std::string(1, static_cast<char>('A' + k)));
  ds.x_f32.assign(static_cast<size_t>(num_samples) * static_cast<size_t>(seq_len * num_symbols), 0.0f);
  ds.y.resize(static_cast<size_t>(num_samples));
  for (int i = 0; i < num_samples; ++i) {
    float* x = ds.x_f32.data() + static_cast<size_t>(i) * static_cast<size_t>(seq_len * num_symbols);
    int first = 0;
    for (int t = 0; t < seq_len; ++t) {
      const int sym = static_cast<int>(rng.below(static_cast<uint32_t>(num_symbols)));
      if (t == 0) first = sym;
      x[t * num_symbols + sym] = 1.0f;
    }
    const bool flip = noise > 0 && rng.uniform() < noise;
    ds.y[static_cast<size_t>(i)] = flip ? static_cast<int32_t>(rng.below(static_cast<uint32_t>(num_symbols))) : first;
  }
  return ds;
}

Dataset make_recall_task(int num_samples, int seq_len, int num_symbols, float noise, uint64_t seed) {
  Rng rng(seed, RngStream::Data);
  Dataset ds;
  ds.name = "recall";
  const int D = num_symbols + 1;  // the symbols, then the marker
  ds.sample_shape = Shape{1, seq_len, D};
  ds.num_classes = num_symbols;
  for (int k = 0; k < num_symbols; ++k) ds.class_names.push_back(std::string(1, static_cast<char>('A' + k)));
  const size_t per_sample = static_cast<size_t>(seq_len) * static_cast<size_t>(D);
  ds.x_f32.assign(static_cast<size_t>(num_samples) * per_sample, 0.0f);
  ds.y.resize(static_cast<size_t>(num_samples));
  const int window = std::min(seq_len, kRecallWindow);
  for (int i = 0; i < num_samples; ++i) {
    float* x = ds.x_f32.data() + static_cast<size_t>(i) * per_sample;
    const int marked = static_cast<int>(rng.below(static_cast<uint32_t>(window)));
    int symbol = 0;
    for (int t = 0; t < seq_len; ++t) {
      const int sym = static_cast<int>(rng.below(static_cast<uint32_t>(num_symbols)));
      if (t == marked) symbol = sym;
      x[t * D + sym] = 1.0f;
    }
    x[marked * D + num_symbols] = 1.0f;  // the marker
    const bool flip = noise > 0 && rng.uniform() < noise;
    ds.y[static_cast<size_t>(i)] = flip ? static_cast<int32_t>(rng.below(static_cast<uint32_t>(num_symbols))) : symbol;
  }
  return ds;
}

}  // namespace nnplay::data
