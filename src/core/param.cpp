#include "core/param.h"

#include <cstring>
#include <functional>

namespace nnplay {

bool ParamId::operator==(const ParamId& o) const {
  return layer_uid == o.layer_uid && std::strcmp(name, o.name) == 0;
}

size_t ParamIdHash::operator()(const ParamId& id) const {
  size_t h = std::hash<uint32_t>()(id.layer_uid);
  for (const char* p = id.name; *p; ++p) h = h * 131u + static_cast<unsigned char>(*p);
  return h;
}

}  // namespace nnplay
