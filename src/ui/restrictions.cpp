// restrictions.cpp — see restrictions.h.
#include "ui/restrictions.h"

#include "train/config.h"
#include "train/session_json.h"
#include "ui/view.h"

namespace nnplay::ui {
namespace {

Restrictions& current() {
  static Restrictions r;
  return r;
}

// "network" is what an instructor means by the network: its panel and the settings that define it.
const std::vector<std::string>& expansion(const std::string& name) {
  static const std::vector<std::string> kNetwork = {"network", "model", "layers"};
  static const std::vector<std::string> kNone;
  return name == "network" ? kNetwork : kNone;
}

}  // namespace

std::string Restrictions::add(const std::string& item) {
  const size_t eq = item.find('=');
  const std::string key = item.substr(0, eq);
  std::set<std::string>* into = key == "hide" ? &hidden_ : key == "lock" ? &locked_ : nullptr;
  if (!into || eq == std::string::npos) return "";
  const std::string list = train::url_decode(item.substr(eq + 1));
  std::string unknown;
  size_t pos = 0;
  while (pos <= list.size()) {
    size_t end = list.find(',', pos);
    if (end == std::string::npos) end = list.size();
    std::string name = list.substr(pos, end - pos);
    while (!name.empty() && name.front() == ' ') name.erase(name.begin());
    while (!name.empty() && name.back() == ' ') name.pop_back();
    pos = end + 1;
    if (name.empty()) continue;
    if (!find_view(name) && !train::find_field(name)) {
      unknown += (unknown.empty() ? "" : ", ") + name;
      continue;
    }
    into->insert(name);
    for (const std::string& also : expansion(name)) into->insert(also);
  }
  return unknown;
}

Status Restrictions::check(const train::Command& cmd) const {
  for (const auto& [key, value] : cmd.set)
    if (locks(key))
      return Error(ErrorCode::UNSUPPORTED,
                   "'" + key + "' is fixed by this exercise (the link locks it); the other settings are yours to change");
  return Status::Ok();
}

const Restrictions& restrictions() { return current(); }
void set_restrictions(const Restrictions& r) { current() = r; }

}  // namespace nnplay::ui
