// csv_fuzz.cpp — libFuzzer harness: CSV text (a user's own data file, dropped
// on the page or given to nnplay-train --data), parsed into a dataset
// (data::parse_csv_dataset). Contract: no crash or undefined behaviour; a
// success has consistent sizes (features × rows values, one label per row).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "data/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace nnplay::data;
  CsvOptions o;
  o.limits.max_rows = 2000;  // small limits: the fuzzer explores the limit paths too
  o.limits.max_values = 20000;
  o.limits.max_columns = 64;
  o.limits.max_classes = 16;
  // The first byte picks the target option: last column, by number, or by name.
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (!text.empty()) {
    const unsigned char pick = static_cast<unsigned char>(text[0]);
    if (pick % 3 == 1) o.target = std::to_string(pick % 5);
    if (pick % 3 == 2) o.target = "y";
  }
  nnplay::Result<CsvData> r = parse_csv_dataset(text, o);
  if (!r.ok()) return 0;
  const CsvData& d = r.value();
  const Dataset& ds = d.dataset;
  const size_t n = static_cast<size_t>(ds.size());
  const size_t f = d.feature_names.size();
  if (n < 2 || f < 1 || ds.x_f32.size() != n * f || d.feature_mean.size() != f || d.feature_std.size() != f ||
      ds.sample_shape.per_sample() != static_cast<int64_t>(f))
    std::abort();
  if (!ds.regression()) {
    if (ds.y.size() != n || ds.num_classes < 2 || ds.class_names.size() != static_cast<size_t>(ds.num_classes))
      std::abort();
    for (int32_t y : ds.y)
      if (y < 0 || y >= ds.num_classes) std::abort();
  }
  return 0;
}
