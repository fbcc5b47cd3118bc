#include "data/csv.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

namespace nnplay::data {
namespace {

struct Cell {
  std::string text;
  int line = 0;
};

/// A cell's text for a message: at most 40 bytes, control bytes as '?'.
std::string shown(const std::string& s) {
  std::string out = s.substr(0, 40);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20) c = '?';
  return "'" + out + (s.size() > 40 ? "...'" : "'");
}

std::string where(int line, int column) { return "line " + std::to_string(line) + ", column " + std::to_string(column); }

/// Decimal number: [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?
bool number_syntax(const std::string& s) {
  size_t i = 0, n = s.size();
  if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
  size_t digits = 0;
  while (i < n && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (i < n && s[i] == '.') {
    ++i;
    while (i < n && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9') ++i, ++exp;
    if (exp == 0) return false;
  }
  return i == n;
}

enum class Number { Ok, NotANumber, OutOfRange };

/// The value of a cell (spaces around it ignored) that is a number within float32 range.
Number read_number(const std::string& cell, double* v) {
  const size_t b = cell.find_first_not_of(" \t"), e = cell.find_last_not_of(" \t");
  const std::string s = b == std::string::npos ? std::string() : cell.substr(b, e - b + 1);  // " 4" quoted
  if (!number_syntax(s)) return Number::NotANumber;
  *v = std::strtod(s.c_str(), nullptr);  // "C" locale: nnplay never sets another
  return std::isfinite(*v) && std::fabs(*v) <= FLT_MAX ? Number::Ok : Number::OutOfRange;
}

/// A plain decimal in float range (stricter than core's parse_number: no hex, no inf or nan, spaces allowed).
bool plain_number(const std::string& cell, double* v) { return read_number(cell, v) == Number::Ok; }

char detect_delimiter(std::string_view t) {
  int comma = 0, semi = 0, tab = 0;
  bool quoted = false, seen = false;
  for (char c : t) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') {
      if (seen) break;
      continue;
    }
    if (c != ' ') seen = true;
    comma += c == ',';
    semi += c == ';';
    tab += c == '\t';
  }
  if (semi > comma && semi >= tab) return ';';
  if (tab > comma && tab > semi) return '\t';
  return ',';
}

/// Reads records of cells, counting lines (see the file comment of csv.h).
class Reader {
 public:
  Reader(std::string_view t, char delim, int max_columns) : t_(t), delim_(delim), max_columns_(max_columns) {}

  /// The next non-blank record into cells[0..*count); false at the end.
  Result<bool> next(std::vector<Cell>* cells, int* count) {
    skip_blank_lines();
    if (pos_ >= t_.size()) return false;
    *count = 0;
    const int row_line = line_;
    for (;;) {
      if (*count >= max_columns_)
        return Error(ErrorCode::RESOURCE_EXHAUSTED, "line " + std::to_string(row_line) + ": more than " +
                                                        std::to_string(max_columns_) + " columns");
      if (static_cast<int>(cells->size()) <= *count) cells->emplace_back();
      Cell& c = (*cells)[static_cast<size_t>(*count)];
      ++*count;
      c.text.clear();
      c.line = line_;
      NNP_RETURN_IF_ERROR(read_cell(&c, *count));
      if (pos_ < t_.size() && t_[pos_] == delim_) {
        ++pos_;
        continue;
      }
      end_line();
      return true;
    }
  }

 private:
  bool space(char c) const { return c == ' ' || (c == '\t' && delim_ != '\t'); }
  bool line_end(char c) const { return c == '\n' || c == '\r'; }

  void end_line() {
    if (pos_ >= t_.size()) return;
    if (t_[pos_] == '\r' && pos_ + 1 < t_.size() && t_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
  }

  void skip_blank_lines() {
    while (pos_ < t_.size()) {
      size_t p = pos_;
      while (p < t_.size() && space(t_[p])) ++p;
      if (p < t_.size() && !line_end(t_[p])) return;
      pos_ = p;
      if (pos_ >= t_.size()) return;
      end_line();
    }
  }

  Status read_cell(Cell* c, int column) {
    while (pos_ < t_.size() && space(t_[pos_])) ++pos_;
    if (pos_ < t_.size() && t_[pos_] == '"') return read_quoted(c, column);
    const size_t start = pos_;
    while (pos_ < t_.size() && t_[pos_] != delim_ && !line_end(t_[pos_])) {
      if (t_[pos_] == '"')
        return Error(ErrorCode::DATA_CORRUPT, where(line_, column) +
                                                  ": a quote inside an unquoted cell (quote the whole cell and "
                                                  "double the quote: \"a \"\"b\"\"\")");
      ++pos_;
    }
    size_t end = pos_;
    while (end > start && space(t_[end - 1])) --end;
    c->text.assign(t_.substr(start, end - start));
    return Status::Ok();
  }

  Status read_quoted(Cell* c, int column) {
    const int open_line = line_;
    ++pos_;
    for (;;) {
      if (pos_ >= t_.size())
        return Error(ErrorCode::DATA_CORRUPT, where(open_line, column) + ": the quote opened here is never closed");
      const char ch = t_[pos_];
      if (ch == '"') {
        if (pos_ + 1 < t_.size() && t_[pos_ + 1] == '"') {
          c->text += '"';
          pos_ += 2;
          continue;
        }
        ++pos_;
        break;
      }
      if (ch == '\n' || (ch == '\r' && (pos_ + 1 >= t_.size() || t_[pos_ + 1] != '\n'))) ++line_;
      c->text += ch;
      ++pos_;
    }
    while (pos_ < t_.size() && space(t_[pos_])) ++pos_;
    if (pos_ < t_.size() && t_[pos_] != delim_ && !line_end(t_[pos_]))
      return Error(ErrorCode::DATA_CORRUPT, where(line_, column) + ": text after the closing quote of the cell");
    return Status::Ok();
  }

  std::string_view t_;
  char delim_;
  int max_columns_;
  size_t pos_ = 0;
  int line_ = 1;
};

bool is_number(const std::string& s) {
  double v = 0;
  return plain_number(s, &v);
}

std::string format_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", v);  // whole numbers exactly (1234567, not 1.23457e+06)
  return buf;
}

/// The target column for `want` ("" = last, a name, or a number from 1).
Result<int> target_column(const std::string& want, const std::vector<std::string>& names, bool has_header) {
  const int cols = static_cast<int>(names.size());
  if (want.empty()) return cols - 1;
  if (has_header)
    for (int j = 0; j < cols; ++j)
      if (names[static_cast<size_t>(j)] == want) return j;
  if (!want.empty() && want.size() <= 6 && std::all_of(want.begin(), want.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    const int k = std::atoi(want.c_str());
    if (k >= 1 && k <= cols) return k - 1;
  }
  std::string list;
  for (int j = 0; j < cols && j < 20; ++j) list += (j ? ", " : "") + names[static_cast<size_t>(j)];
  if (cols > 20) list += ", ...";
  return Error(ErrorCode::INVALID_ARGUMENT, "target '" + want + "': no column of that name" +
                                                (has_header ? " (columns: " + list + ")" : " (the file has no header)") +
                                                " and not a column number from 1 to " + std::to_string(cols));
}

/// Standardizes n values of stride `stride` starting at v in place; returns mean and std (1 if constant).
void standardize(float* v, int64_t n, int64_t stride, float* mean_out, float* std_out) {
  double sum = 0, sum2 = 0;
  for (int64_t i = 0; i < n; ++i) sum += v[i * stride];
  const double mean = sum / static_cast<double>(n);
  for (int64_t i = 0; i < n; ++i) sum2 += (v[i * stride] - mean) * (v[i * stride] - mean);
  double sd = std::sqrt(sum2 / static_cast<double>(n));
  if (!(sd > 0.0) || !std::isfinite(sd)) sd = 1.0;
  for (int64_t i = 0; i < n; ++i) v[i * stride] = static_cast<float>((v[i * stride] - mean) / sd);
  *mean_out = static_cast<float>(mean);
  *std_out = static_cast<float>(sd);
}

struct Rows {
  std::vector<float> x;            // rows × features, raw
  std::vector<std::string> label;  // the target cell of each row
  std::vector<int> label_line;
};

/// Stores one data row (features parsed, the target cell kept as text).
Status take_row(const std::vector<Cell>& cells, int count, const CsvData& d, const CsvLimits& lim, Rows* rows) {
  const int cols = static_cast<int>(d.feature_names.size()) + 1;
  if (count != cols)
    return Error(ErrorCode::DATA_CORRUPT, "line " + std::to_string(cells[0].line) + ": " + std::to_string(count) +
                                              (count == 1 ? " cell" : " cells") + ", expected " +
                                              std::to_string(cols) + " like the first row");
  if (static_cast<int64_t>(rows->label.size()) >= lim.max_rows)
    return Error(ErrorCode::RESOURCE_EXHAUSTED, "line " + std::to_string(cells[0].line) + ": more than " +
                                                    std::to_string(lim.max_rows) + " rows");
  if (static_cast<int64_t>(rows->x.size()) + cols - 1 > lim.max_values)
    return Error(ErrorCode::RESOURCE_EXHAUSTED, "line " + std::to_string(cells[0].line) + ": more than " +
                                                    std::to_string(lim.max_values) + " feature values");
  for (int j = 0, f = 0; j < cols; ++j) {
    const Cell& c = cells[static_cast<size_t>(j)];
    auto at = [&]() {
      const std::string& name = j == d.target_column ? d.target_name : d.feature_names[static_cast<size_t>(f)];
      return where(c.line, j + 1) + " (\"" + name.substr(0, 40) + "\")";
    };
    if (c.text.empty()) return Error(ErrorCode::DATA_CORRUPT, at() + ": empty cell");
    if (j == d.target_column) {
      rows->label.push_back(c.text);
      rows->label_line.push_back(c.line);
      continue;
    }
    double v = 0;
    const Number got = read_number(c.text, &v);
    if (got != Number::Ok)
      return Error(ErrorCode::DATA_CORRUPT, at() + ": " + shown(c.text) +
                                                (got == Number::OutOfRange ? " is beyond float32 range" : " is not a number"));
    rows->x.push_back(static_cast<float>(v));
    ++f;
  }
  return Status::Ok();
}

/// Fills the dataset's labels: classes (y, class_names) or regression targets.
Status make_labels(const Rows& rows, const CsvLimits& lim, CsvData* d) {
  Dataset& ds = d->dataset;
  const size_t n = rows.label.size();
  std::vector<double> values(n);
  bool numeric = true, whole = true;
  for (size_t i = 0; i < n && numeric; ++i) {
    numeric = plain_number(rows.label[i], &values[i]);
    whole = whole && numeric && values[i] == std::floor(values[i]);
  }
  const std::string col = "the target column \"" + d->target_name.substr(0, 40) + "\"";
  if (numeric) {
    std::vector<double> distinct = values;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    if (!whole || static_cast<int>(distinct.size()) > kCsvMaxIntegerClasses) {  // regression
      ds.num_classes = 0;
      ds.targets.resize(n);
      for (size_t i = 0; i < n; ++i) ds.targets[i] = static_cast<float>(values[i]);
      if (distinct.size() < 2) return Error(ErrorCode::DATA_CORRUPT, col + " holds one value: nothing to fit");
      standardize(ds.targets.data(), static_cast<int64_t>(n), 1, &d->target_mean, &d->target_std);
      return Status::Ok();
    }
    if (distinct.size() < 2)
      return Error(ErrorCode::DATA_CORRUPT, col + " holds one class (" + format_number(distinct[0]) +
                                                "): a classifier needs at least two");
    for (double v : distinct) ds.class_names.push_back(format_number(v));
    ds.y.resize(n);
    for (size_t i = 0; i < n; ++i)
      ds.y[i] = static_cast<int32_t>(std::lower_bound(distinct.begin(), distinct.end(), values[i]) - distinct.begin());
    ds.num_classes = static_cast<int>(distinct.size());
    return Status::Ok();
  }
  std::map<std::string, int32_t> classes;
  for (size_t i = 0; i < n; ++i) {
    classes.emplace(rows.label[i], 0);
    if (static_cast<int>(classes.size()) > lim.max_classes)
      return Error(ErrorCode::RESOURCE_EXHAUSTED, where(rows.label_line[i], d->target_column + 1) + ": " + col +
                                                      " has more than " + std::to_string(lim.max_classes) +
                                                      " distinct labels (is it the right column?)");
  }
  if (classes.size() < 2)
    return Error(ErrorCode::DATA_CORRUPT,
                 col + " holds one class (" + shown(classes.begin()->first) + "): a classifier needs at least two");
  int32_t k = 0;
  for (auto& entry : classes) {
    entry.second = k++;
    ds.class_names.push_back(entry.first);
  }
  ds.y.resize(n);
  for (size_t i = 0; i < n; ++i) ds.y[i] = classes[rows.label[i]];
  ds.num_classes = static_cast<int>(classes.size());
  return Status::Ok();
}

}  // namespace

Result<CsvData> parse_csv_dataset(std::string_view text, const CsvOptions& options) {
  const CsvLimits& lim = options.limits;
  if (text.size() > lim.max_bytes)
    return Error(ErrorCode::RESOURCE_EXHAUSTED, "the text has " + std::to_string(text.size()) + " bytes, more than " +
                                                    std::to_string(lim.max_bytes) + " (" +
                                                    std::to_string(lim.max_bytes >> 20) + " MiB)");
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  CsvData d;
  d.delimiter = detect_delimiter(text);
  Reader reader(text, d.delimiter, std::max(1, lim.max_columns));
  std::vector<Cell> first, second;
  int n1 = 0, n2 = 0;
  Result<bool> got = reader.next(&first, &n1);
  if (!got.ok()) return got.status();
  if (!got.value()) return Error(ErrorCode::DATA_CORRUPT, "the text has no rows");
  if (n1 < 2)
    return Error(ErrorCode::DATA_CORRUPT, "line " + std::to_string(first[0].line) +
                                              ": one column; a CSV needs a feature column and a target column "
                                              "(separated by ',', ';' or a tab)");
  got = reader.next(&second, &n2);
  if (!got.ok()) return got.status();
  if (!got.value()) return Error(ErrorCode::DATA_CORRUPT, "the text has one row; a dataset needs at least two");
  // Header: every column with a number in row 2 has a non-number in row 1.
  bool any_numeric = false, header = true;
  for (int j = 0; j < std::min(n1, n2); ++j) {
    if (!is_number(second[static_cast<size_t>(j)].text)) continue;
    any_numeric = true;
    header = header && !is_number(first[static_cast<size_t>(j)].text);
  }
  d.has_header = header && any_numeric;
  std::vector<std::string> names(static_cast<size_t>(n1));
  for (int j = 0; j < n1; ++j) {
    const std::string& t = first[static_cast<size_t>(j)].text;
    names[static_cast<size_t>(j)] = d.has_header && !t.empty() ? t : "column " + std::to_string(j + 1);
  }
  Result<int> target = target_column(options.target, names, d.has_header);
  if (!target.ok()) return target.status();
  d.target_column = target.value();
  d.target_name = names[static_cast<size_t>(d.target_column)];
  for (int j = 0; j < n1; ++j)
    if (j != d.target_column) d.feature_names.push_back(names[static_cast<size_t>(j)]);

  Rows rows;
  if (!d.has_header) NNP_RETURN_IF_ERROR(take_row(first, n1, d, lim, &rows));
  NNP_RETURN_IF_ERROR(take_row(second, n2, d, lim, &rows));
  int count = 0;
  for (;;) {
    got = reader.next(&first, &count);
    if (!got.ok()) return got.status();
    if (!got.value()) break;
    NNP_RETURN_IF_ERROR(take_row(first, count, d, lim, &rows));
  }
  const int64_t n = static_cast<int64_t>(rows.label.size());
  if (n < 2) return Error(ErrorCode::DATA_CORRUPT, "the text has one data row; a dataset needs at least two");

  const int64_t features = static_cast<int64_t>(d.feature_names.size());
  d.feature_mean.resize(static_cast<size_t>(features));
  d.feature_std.resize(static_cast<size_t>(features));
  for (int64_t f = 0; f < features; ++f)
    standardize(rows.x.data() + f, n, features, &d.feature_mean[static_cast<size_t>(f)],
                &d.feature_std[static_cast<size_t>(f)]);
  d.dataset.name = options.name;
  d.dataset.sample_shape = Shape{1, static_cast<int>(features)};
  d.dataset.x_f32 = std::move(rows.x);
  NNP_RETURN_IF_ERROR(make_labels(rows, lim, &d));
  return d;
}

}  // namespace nnplay::data
