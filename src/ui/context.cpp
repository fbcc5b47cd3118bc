// context.cpp — see context.h.
#include "ui/context.h"

#include <algorithm>
#include <cmath>

#include "platform/platform.h"
#include "ui/restrictions.h"

namespace nnplay::ui {

const data::DatasetInfo& Ctx::data_info() const {
  const data::DatasetInfo* d = session().dataset_info(config().dataset);
  return d ? *d : data::dataset_catalog().front();
}

float Ctx::plane_extent() const {
  const data::Dataset* ds = dataset();
  if (!ds || !data_info().user || ds->per_sample() != 2) return 6.0f;
  if (ds != extent_of_) {
    float m = 0.0f;
    for (int i = 0; i < ds->size(); ++i) m = std::max({m, std::fabs(ds->feature(i, 0)), std::fabs(ds->feature(i, 1))});
    extent_ = std::clamp(std::ceil(m + 0.25f), 2.0f, 6.0f);
    extent_of_ = ds;
  }
  return extent_;
}

bool Ctx::apply(const train::Command& cmd) {
  Status st = restrictions().check(cmd);  // the app's own controls cannot change what the exercise fixes
  if (st.ok()) st = play_.apply(cmd);
  report(st);
  return st.ok();
}

bool Ctx::apply(const train::RaceCommand& cmd) {
  const Status st = play_.apply(cmd);
  report(st);
  return st.ok();
}

bool Ctx::set(const std::string& key, const std::string& value) {
  train::Command cmd;
  cmd.set.emplace_back(key, value);
  return apply(cmd);
}

bool Ctx::act(train::Action a, int steps) {
  train::Command cmd;
  cmd.action = a;
  cmd.steps = steps;
  return apply(cmd);
}

Status Ctx::load_user_file(Status st, const std::string& name, std::span<const uint8_t> bytes) {
  const size_t slash = name.find_last_of('/');
  if (st.ok()) st = play_.load_file(slash == std::string::npos ? name : name.substr(slash + 1), bytes);
  if (!st.ok()) st = Error(st.code(), "Not loaded (nothing changed): " + st.message());
  report(st);  // ok: an earlier failed load's banner goes
  return st;
}

Status Ctx::load_user_files(Status st, std::vector<platform::UserFile> files) {
  if (st.ok() && files.size() == 1) return load_user_file(st, files[0].name, files[0].bytes);
  if (st.ok()) {
    std::vector<data::ImageFile> images;
    images.reserve(files.size());
    for (platform::UserFile& f : files) images.push_back({std::move(f.name), std::move(f.bytes)});
    data::ImageSetOptions format;
    if (const train::Session::ImagesInfo* now = session().images()) format.channels = now->channels, format.size = now->size;
    st = play_.load_files(std::move(images), data::image_format_text(format));
  }
  if (!st.ok()) st = Error(st.code(), "Not loaded (nothing changed): " + st.message());
  report(st);
  return st;
}

bool Ctx::start_lesson(const std::string& id, bool train) {
  const Status st = play_.start_lesson(id, 1, train);
  report(st);
  return st.ok();
}

void Ctx::report(const Status& st) { error_ = st.ok() ? "" : st.to_string(); }

void Ctx::select_view(const std::string& id) {
  want_view_ = id;
  want_frames_ = 4;  // a nested tab shows one frame after its group's tab
}

double Ctx::now_ms() const { return platform::now_ms(); }

}  // namespace nnplay::ui
