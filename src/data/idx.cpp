#include "data/idx.h"

namespace nnplay::data {

Result<IdxArray> parse_idx(std::span<const uint8_t> bytes, const std::string& file) {
  auto corrupt = [&](size_t offset, const std::string& what) {
    return Error(ErrorCode::DATA_CORRUPT, file + " (byte " + std::to_string(offset) + "): " + what);
  };
  if (bytes.size() < 4) return corrupt(0, "file too short for an IDX header (" + std::to_string(bytes.size()) + " bytes)");
  if (bytes[0] != 0 || bytes[1] != 0) return corrupt(0, "not an IDX file (magic must start with two zero bytes)");
  if (bytes[2] != 0x08)
    return corrupt(2, "element type 0x" + std::to_string(bytes[2]) + " is not supported (only uint8, 0x08)");
  const int d = bytes[3];
  if (d < 1 || d > 4) return corrupt(3, "unsupported number of dimensions " + std::to_string(d));
  const size_t header = 4 + 4 * static_cast<size_t>(d);
  if (bytes.size() < header) return corrupt(4, "file ends inside the header");
  IdxArray out;
  uint64_t count = 1;
  for (int i = 0; i < d; ++i) {
    const size_t o = 4 + 4 * static_cast<size_t>(i);
    const uint32_t v = (uint32_t{bytes[o]} << 24) | (uint32_t{bytes[o + 1]} << 16) | (uint32_t{bytes[o + 2]} << 8) |
                       uint32_t{bytes[o + 3]};
    if (v == 0) return corrupt(o, "dimension " + std::to_string(i) + " is zero");
    out.dims.push_back(v);
    count *= v;
    if (count > (uint64_t{1} << 32)) return corrupt(o, "sizes are implausibly large");
  }
  const uint64_t have = bytes.size() - header;
  if (have != count)
    return corrupt(header, "header promises " + std::to_string(count) + " values but the file holds " +
                               std::to_string(have) + (have < count ? " (truncated?)" : " (trailing bytes)"));
  out.values.assign(bytes.begin() + static_cast<std::ptrdiff_t>(header), bytes.end());
  return out;
}

Result<Dataset> make_image_dataset(const std::string& name, const IdxArray& images, const std::string& images_file,
                                   const IdxArray& labels, const std::string& labels_file, int num_classes,
                                   std::vector<std::string> class_names) {
  if (images.dims.size() != 3)
    return Error(ErrorCode::DATA_CORRUPT, images_file + ": expected 3 dimensions (count, rows, cols), got " +
                                              std::to_string(images.dims.size()));
  if (labels.dims.size() != 1)
    return Error(ErrorCode::DATA_CORRUPT,
                 labels_file + ": expected 1 dimension (count), got " + std::to_string(labels.dims.size()));
  if (images.dims[0] != labels.dims[0])
    return Error(ErrorCode::DATA_CORRUPT, images_file + " holds " + std::to_string(images.dims[0]) + " images but " +
                                              labels_file + " holds " + std::to_string(labels.dims[0]) + " labels");
  Dataset ds;
  ds.name = name;
  ds.sample_shape = Shape{1, 1, static_cast<int>(images.dims[1]), static_cast<int>(images.dims[2])};
  ds.num_classes = num_classes;
  ds.class_names = std::move(class_names);
  ds.x_u8 = images.values;
  ds.y.resize(labels.values.size());
  for (size_t i = 0; i < labels.values.size(); ++i) {
    if (labels.values[i] >= num_classes)
      return Error(ErrorCode::DATA_CORRUPT, labels_file + " (byte " + std::to_string(8 + i) + "): label " +
                                                std::to_string(labels.values[i]) + " of sample " + std::to_string(i) +
                                                " is not below " + std::to_string(num_classes));
    ds.y[i] = labels.values[i];
  }
  return ds;
}

}  // namespace nnplay::data
