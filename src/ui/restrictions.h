// restrictions.h — what an instructor's link hides or locks, so an exercise
// shows exactly what it is about:
//   #dataset=spiral&hide=race,surface,momentum&lock=dataset,network
// A name is a row of the view table (a panel such as "dataset", "augment",
// "model", "training", "run", or a tab such as "race", "surface", "init") or a
// setting key of the config table ("lr", "optimizer", "batch_size", ...);
// "network" also stands for the Network panel and its settings (model,
// layers, network). A hidden name is not drawn (a tab leaves its bar and the
// phone's menu; a setting's editor is skipped); a locked one is drawn but
// cannot be edited, with a note that the exercise fixes it, and the app's own
// commands that would change a locked setting are refused (a course page's
// postMessage commands and window.nnplay are the instructor's and still
// apply). The keys are page keys (train::is_page_key): the link keeps them,
// the engine never sees them.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "train/session.h"

namespace nnplay::ui {

class Restrictions {
 public:
  /// Adds the names of a "hide=a,b" or "lock=c" link item (values may be
  /// percent-encoded). Returns the names no view or setting has ("" if none).
  std::string add(const std::string& item);
  bool hides(std::string_view name) const { return hidden_.count(std::string(name)) > 0; }
  bool locks(std::string_view name) const { return locked_.count(std::string(name)) > 0; }
  bool empty() const { return hidden_.empty() && locked_.empty(); }
  const std::set<std::string>& hidden() const { return hidden_; }
  const std::set<std::string>& locked() const { return locked_; }
  /// UNSUPPORTED naming the first locked setting `cmd` would change; Ok otherwise.
  Status check(const train::Command& cmd) const;

 private:
  std::set<std::string> hidden_, locked_;
};

/// The restrictions in force (the App's; none unless a link set some). The
/// settings editor (widgets.h, edit_setting) consults them.
const Restrictions& restrictions();
void set_restrictions(const Restrictions& r);

}  // namespace nnplay::ui
