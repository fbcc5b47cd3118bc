#include "nn/spatial_args.h"

#include <cmath>

namespace nnplay::nn {

Status get_axes(const LayerArgs& args, const std::string& name, int rank, double lo, double hi, bool integer,
                double* out) {
  if (!args.has(name)) return Status::Ok();
  const std::string text = args.get_text(name, "");
  auto list = args.get_list(name, lo, hi, {});
  bool ok = list.ok() && (list.value().size() == 1 || static_cast<int>(list.value().size()) == rank);
  if (ok && integer)
    for (double v : list.value()) ok = ok && v == std::floor(v);
  if (!ok) {
    const std::string kind = integer ? "integer" : "number";
    std::string form = "'v'";
    if (rank == 2) form += " or 'h,w'";
    if (rank == 3) form += " or 'd,h,w'";
    return Error(ErrorCode::INVALID_ARGUMENT, args.owner() + ": " + name + "='" + text + "', expected " + form +
                                                  " with each " + kind + " from " + std::to_string(lo) + " to " +
                                                  std::to_string(hi));
  }
  const std::vector<double>& v = list.value();
  for (int i = 0; i < rank; ++i) out[i] = v.size() == 1 ? v[0] : v[static_cast<size_t>(i)];
  return Status::Ok();
}

std::string axes_text(const int* v, int rank) {
  bool same = true;
  for (int i = 1; i < rank; ++i) same = same && v[i] == v[0];
  if (same) return std::to_string(v[0]);
  std::string s = "(";
  for (int i = 0; i < rank; ++i) s += (i ? ", " : "") + std::to_string(v[i]);
  return s + ")";
}

}  // namespace nnplay::nn
