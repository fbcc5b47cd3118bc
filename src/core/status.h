// status.h — errors as values. Emscripten aborts the whole module on a C++
// throw by default (no exception catching), so nothing in nnplay throws across
// a boundary: boundary functions return Status or Result<T>.
//
// A Status carries an ErrorCode from error_codes.def and a message that says
// what and where (file and byte offset, layer index/type/shapes, setting name).
#pragma once

#include <string>
#include <utility>

namespace nnplay {

enum class ErrorCode {
  OK = 0,
#define NNP_ERROR(name, desc) name,
#include "core/error_codes.def"
#undef NNP_ERROR
};

/// Upper-snake name of a code, e.g. "SHAPE_MISMATCH".
const char* error_code_name(ErrorCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  bool ok() const { return code_ == ErrorCode::OK; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  /// "SHAPE_MISMATCH: layer 2 (Linear): ..." or "OK".
  std::string to_string() const;

 private:
  ErrorCode code_ = ErrorCode::OK;
  std::string message_;
};

/// A value or the Status explaining why there is none.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}             // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}      // NOLINT
  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  T& value() { return value_; }
  const T& value() const { return value_; }
  T&& take() { return std::move(value_); }

 private:
  T value_{};
  Status status_;
};

/// Builds an error Status.
inline Status Error(ErrorCode code, std::string message) { return Status(code, std::move(message)); }

}  // namespace nnplay

/// Returns early from a Status-returning function when `expr` failed.
#define NNP_RETURN_IF_ERROR(expr)              \
  do {                                         \
    ::nnplay::Status nnp_status_ = (expr);     \
    if (!nnp_status_.ok()) return nnp_status_; \
  } while (0)
