#include "nn/concat.h"

#include <algorithm>

namespace nnplay::nn {

Result<std::unique_ptr<Layer>> Concat::from_args(const LayerArgs& args) {
  NNP_RETURN_IF_ERROR(args.check_known({"dim"}));
  auto dim = args.get_int("dim", -Shape::kMaxRank, Shape::kMaxRank - 1, 1);
  if (!dim.ok()) return dim.status();
  if (dim.value() == 0) return Error(ErrorCode::INVALID_ARGUMENT, "Concat: dim=0 would join batches, not features");
  auto layer = std::make_unique<Concat>();
  layer->dim_ = dim.value();
  return std::unique_ptr<Layer>(std::move(layer));
}

Status Concat::setup(std::span<const Shape> in, Shape* out) {
  auto shapes = [&]() {
    std::string s;
    for (const Shape& sh : in) s += (s.empty() ? "" : ", ") + sh.str();
    return s;
  };
  if (in.size() < 2) return Error(ErrorCode::INVALID_ARGUMENT, "Concat needs at least two inputs, got " + shapes());
  const Shape& first = in[0];
  const int d = dim_ < 0 ? first.rank + dim_ : dim_;
  if (d < 1 || d >= first.rank)
    return Error(ErrorCode::SHAPE_MISMATCH, "Concat(dim=" + std::to_string(dim_) + ") does not fit " + shapes());
  Shape o = first;
  o[d] = 0;
  for (const Shape& s : in) {
    bool ok = s.rank == first.rank;
    for (int i = 1; ok && i < s.rank; ++i) ok = i == d || s[i] == first[i];
    if (!ok)
      return Error(ErrorCode::SHAPE_MISMATCH, "Concat(dim=" + std::to_string(dim_) +
                                                  ") needs inputs equal in every other dimension, got " + shapes());
    o[d] += s[d];
  }
  int64_t inner = 1;
  for (int i = d + 1; i < first.rank; ++i) inner *= first[i];
  outer_per_sample_ = 1;
  for (int i = 1; i < d; ++i) outer_per_sample_ *= first[i];
  chunk_.clear();
  for (const Shape& s : in) chunk_.push_back(int64_t{s[d]} * inner);
  out_chunk_ = int64_t{o[d]} * inner;
  out_ = o;
  *out = o;
  return Status::Ok();
}

void Concat::forward(std::span<const Tensor* const> x, Tensor& y, Context&) {
  const int n = x[0]->dim(0);
  y.resize(out_.with_batch(n));
  const int64_t outer = n * outer_per_sample_;
  for (int64_t o = 0; o < outer; ++o) {
    float* dst = y.data() + o * out_chunk_;
    for (size_t k = 0; k < x.size(); ++k) {
      const float* src = x[k]->data() + o * chunk_[k];
      std::copy(src, src + chunk_[k], dst);
      dst += chunk_[k];
    }
  }
}

void Concat::backward(std::span<const Tensor* const>, const Tensor&, const Tensor& dy, std::span<Tensor* const> dx) {
  const int64_t outer = dy.dim(0) * outer_per_sample_;
  for (int64_t o = 0; o < outer; ++o) {
    const float* src = dy.data() + o * out_chunk_;
    for (size_t k = 0; k < dx.size(); ++k) {
      if (dx[k]) {
        float* dst = dx[k]->data() + o * chunk_[k];
        for (int64_t i = 0; i < chunk_[k]; ++i) dst[i] += src[i];
      }
      src += chunk_[k];
    }
  }
}

}  // namespace nnplay::nn
