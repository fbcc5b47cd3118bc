#include "data/point_edits.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/args.h"

namespace nnplay::data {
namespace {

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

Status bad_item(size_t n, std::string_view item, const std::string& what) {
  std::string shown(item.substr(0, 40));
  for (char& c : shown)
    if (static_cast<unsigned char>(c) < 0x20) c = '?';
  return Error(ErrorCode::INVALID_ARGUMENT,
               "points: item " + std::to_string(n) + " ('" + shown + "'): " + what);
}

}  // namespace

Result<PointEdits> parse_point_edits(std::string_view text) {
  PointEdits e;
  if (trim(text).empty()) return e;
  const std::vector<std::string_view> items = split(text, ';');
  for (size_t k = 0; k < items.size(); ++k) {
    const std::string_view item = trim(items[k]);
    const size_t n = k + 1;
    if (item.empty()) return bad_item(n, item, "empty (expected x1,x2,class or rN)");
    if (item.front() == 'r') {
      const std::string digits(item.substr(1));
      if (digits.empty() || digits.size() > 7 || digits.find_first_not_of("0123456789") != std::string::npos)
        return bad_item(n, item, "expected r and a sample number, e.g. r17");
      e.removed.push_back(static_cast<int32_t>(std::atol(digits.c_str())));
      continue;
    }
    const std::vector<std::string_view> parts = split(item, ',');
    if (parts.size() != 3) return bad_item(n, item, "expected x1,x2,class (three numbers) or rN");
    double v[3];
    for (int j = 0; j < 3; ++j)
      if (!parse_number(std::string(trim(parts[static_cast<size_t>(j)])), &v[j]) || !std::isfinite(v[j]))
        return bad_item(n, item, "'" + std::string(trim(parts[static_cast<size_t>(j)])) + "' is not a number");
    for (int j = 0; j < 2; ++j)
      if (std::fabs(v[j]) > kPointsExtent)
        return bad_item(n, item, "x" + std::to_string(j + 1) + " must be in [-6, 6], the plane's extent");
    if (v[2] != 0.0 && v[2] != 1.0) return bad_item(n, item, "the class must be 0 (orange) or 1 (blue)");
    if (static_cast<int>(e.added.size()) == kMaxAddedPoints)
      return bad_item(n, item, "at most " + std::to_string(kMaxAddedPoints) + " points may be added");
    e.added.push_back({static_cast<float>(v[0]), static_cast<float>(v[1]), static_cast<int>(v[2])});
  }
  std::sort(e.removed.begin(), e.removed.end());
  const auto dup = std::adjacent_find(e.removed.begin(), e.removed.end());
  if (dup != e.removed.end())
    return Error(ErrorCode::INVALID_ARGUMENT, "points: sample r" + std::to_string(*dup) + " is removed twice");
  return e;
}

std::string format_point_edits(const PointEdits& e) {
  std::string out;
  auto item = [&out](const std::string& s) {
    if (!out.empty()) out += ';';
    out += s;
  };
  for (const PointEdits::Added& a : e.added)
    item(float_text(a.x1) + "," + float_text(a.x2) + "," + std::to_string(a.label));
  for (int32_t r : e.removed) item("r" + std::to_string(r));
  return out;
}

Status apply_point_edits(const PointEdits& e, int generated, Dataset* ds) {
  if (!e.removed.empty() && e.removed.back() >= generated)
    return Error(ErrorCode::INVALID_ARGUMENT, "points: r" + std::to_string(e.removed.back()) + ", but the set has " +
                                                  std::to_string(generated) + " samples (r0 to r" +
                                                  std::to_string(generated - 1) + ")");
  if (e.added.empty()) return Status::Ok();
  if (ds->sample_shape != Shape{1, 2} || !ds->x_u8.empty())
    return Error(ErrorCode::UNSUPPORTED, "points: dataset " + ds->name + " is not a set of 2D points");
  for (const PointEdits::Added& a : e.added) {
    ds->x_f32.push_back(a.x1);
    ds->x_f32.push_back(a.x2);
    if (ds->regression()) ds->targets.push_back(a.label ? 1.0f : -1.0f);
    else ds->y.push_back(a.label);
  }
  return Status::Ok();
}

void edit_split(const PointEdits& e, int generated, std::vector<int32_t>* train, std::vector<int32_t>* val) {
  auto drop = [&e](std::vector<int32_t>* idx) {
    std::erase_if(*idx, [&e](int32_t i) { return std::binary_search(e.removed.begin(), e.removed.end(), i); });
  };
  drop(train);
  drop(val);
  for (size_t k = 0; k < e.added.size(); ++k) train->push_back(generated + static_cast<int32_t>(k));
}

int32_t nearest_sample(const Dataset& ds, const std::vector<int32_t>& idx, float x1, float x2, float radius) {
  int32_t best = -1;
  float best_d2 = radius * radius;
  for (int32_t i : idx) {
    const float dx = ds.feature(i, 0) - x1, dy = ds.feature(i, 1) - x2;
    const float d2 = dx * dx + dy * dy;
    if (d2 <= best_d2) {
      best_d2 = d2;
      best = i;
    }
  }
  return best;
}

}  // namespace nnplay::data
