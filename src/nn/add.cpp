#include "nn/add.h"

namespace nnplay::nn {
namespace {
Status same_shapes(const char* type, std::span<const Shape> in, Shape* out) {
  if (in.size() != 2 || in[0] != in[1])
    return Error(ErrorCode::SHAPE_MISMATCH, std::string(type) + " needs two inputs of the same shape, got " +
                                                in[0].str() + (in.size() > 1 ? " and " + in[1].str() : ""));
  *out = in[0];
  return Status::Ok();
}
}  // namespace

Status Add::setup(std::span<const Shape> in, Shape* out) { return same_shapes("Add", in, out); }

void Add::forward(std::span<const Tensor* const> x, Tensor& y, Context&) {
  y.resize(x[0]->shape());
  y.vec() = x[0]->vec() + x[1]->vec();
}

void Add::backward(std::span<const Tensor* const>, const Tensor&, const Tensor& dy, std::span<Tensor* const> dx) {
  for (Tensor* d : dx)
    if (d) d->vec() += dy.vec();
}

Status Mul::setup(std::span<const Shape> in, Shape* out) { return same_shapes("Mul", in, out); }

void Mul::forward(std::span<const Tensor* const> x, Tensor& y, Context&) {
  y.resize(x[0]->shape());
  y.vec() = x[0]->vec().cwiseProduct(x[1]->vec());
}

void Mul::backward(std::span<const Tensor* const> x, const Tensor&, const Tensor& dy, std::span<Tensor* const> dx) {
  if (dx[0]) dx[0]->vec() += dy.vec().cwiseProduct(x[1]->vec());
  if (dx[1]) dx[1]->vec() += dy.vec().cwiseProduct(x[0]->vec());
}

}  // namespace nnplay::nn
