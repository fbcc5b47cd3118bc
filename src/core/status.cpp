#include "core/status.h"

namespace nnplay {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::OK: return "OK";
#define NNP_ERROR(name, desc) \
  case ErrorCode::name: return #name;
#include "core/error_codes.def"
#undef NNP_ERROR
  }
  return "UNKNOWN";
}

std::string Status::to_string() const {
  if (ok()) return "OK";
  return std::string(error_code_name(code_)) + ": " + message_;
}

}  // namespace nnplay
