// csv.h — a dataset from CSV text (the user's own data): numeric feature
// columns and one target column. data/ reads no files: the caller passes the
// text (a dropped file, a file dialog, `nnplay-train --data FILE.csv`).
//
// Text (RFC 4180, with the usual liberties):
//   - cells separated by ',', ';' or a tab: the one of the three that occurs
//     most often (outside quotes) in the first non-blank line; ',' on a tie;
//   - a cell may be quoted ("a, b"; a quote inside is doubled: "say ""hi""");
//     a quoted cell may span lines; spaces around a cell are ignored;
//   - lines end in LF, CRLF or CR; a UTF-8 byte-order mark is skipped; blank
//     lines (nothing but spaces) are skipped anywhere;
//   - every row has as many cells as the first; no cell may be empty.
//
// Header: the first row is a header when every column that holds a number in
// the second row holds something else in the first (so a typo in a first data
// row is reported, not taken for a name). Without one, columns are named
// "column 1", "column 2", ...
//
// Target: the last column unless CsvOptions::target names a column (a header
// name, else a column number counted from 1). Every other column is a feature
// and must hold a number (decimal, optional sign and exponent; finite and
// within float32 range; no "nan", "inf", hex or decimal commas).
//
// Task (the rule): the target makes classes when one of its cells is not a
// number (text labels), or when its numbers are all whole and take at most
// kCsvMaxIntegerClasses distinct values; otherwise (a fraction among them, or
// more distinct whole numbers) it is a regression task. Classes are numbered
// in sorted order (numbers by value, text by byte order), named by their text
// ("cat", or the number as "%.15g" writes it: "1", "-3", "1234567"); 2 to
// CsvLimits::max_classes classes.
//
// Scaling: every feature is standardized, x' = (x − mean) / std, with the
// mean and the population standard deviation over all rows (a constant column
// gets std 1); a regression target likewise (t' = (t − mean) / std, so the
// network sees unit-scale targets; predictions map back with t = t'·std + mean).
// The recorded means and stds let a view or a prediction apply the same
// transform. The train/validation split is the session's (split_indices,
// seeded), as for every set.
//
// Errors (nothing is returned but the Status):
//   DATA_CORRUPT        "line L, column C (\"name\"): ..." — L counts the
//                       text's lines from 1 (blank ones too), C the cells of
//                       the row from 1; an empty cell, a non-number, a row with
//                       too few or too many cells, an unclosed quote, text after
//                       a closing quote, a quote inside an unquoted cell, one
//                       class only, a constant regression target, too few rows
//   RESOURCE_EXHAUSTED  beyond CsvLimits (checked before storing more)
//   INVALID_ARGUMENT    CsvOptions::target names no column
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "data/dataset.h"

namespace nnplay::data {

/// A numeric target with at most this many distinct whole values is classes.
inline constexpr int kCsvMaxIntegerClasses = 20;

struct CsvLimits {
  size_t max_bytes = 50u * 1024u * 1024u;  // text size (50 MiB)
  int max_rows = 1000000;                  // data rows
  int max_columns = 1000;                  // cells per row
  int64_t max_values = 10000000;           // feature values stored (rows × features: 40 MB of float32)
  int max_classes = 100;                   // distinct target labels
};

struct CsvOptions {
  std::string target;        // "" = the last column; a header name; or a column number from 1
  std::string name = "csv";  // Dataset::name
  CsvLimits limits;
};

struct CsvData {
  /// sample_shape (1, F) for F features, standardized; classes in y (with
  /// class_names) or standardized real targets in `targets` (num_classes 0).
  Dataset dataset;
  std::vector<std::string> feature_names;  // F names, in column order
  std::string target_name;
  int target_column = 0;  // 0-based column index in the text
  std::vector<float> feature_mean, feature_std;  // F each: x' = (x − mean) / std
  float target_mean = 0.0f, target_std = 1.0f;   // regression: t' = (t − mean) / std; classes: 0 and 1
  bool has_header = false;
  char delimiter = ',';
};

/// Parses CSV text into a dataset (see the file comment for the format, the
/// rule for classes vs regression, the scaling and the errors).
Result<CsvData> parse_csv_dataset(std::string_view text, const CsvOptions& options = {});

}  // namespace nnplay::data
