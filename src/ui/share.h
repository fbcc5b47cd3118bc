// share.h — the Share dialog: the current setup as a link and as an <iframe>
// snippet for a course page, with checkboxes for what the exercise hides or
// locks (restrictions.h). The link is the app's own URL query (the settings
// that differ from the defaults, the tab in front, a running lesson, the
// page keys) with hide=/lock= as chosen, so opening it restores this setup
// exactly (tests/ui/views_test.cpp, Share.*).
#pragma once

#include <set>
#include <string>

#include "data/catalog.h"
#include "ui/restrictions.h"

namespace nnplay::ui {

struct ShareChoices {
  std::set<std::string> hide, lock;  // view-table ids or setting keys
};

/// `setup` (a URL query without hide=/lock=) followed by "&hide=a,b&lock=c"
/// (names sorted; a key without names is left out).
std::string share_query(const std::string& setup, const ShareChoices& choices);
/// The full link: `address` + "#" + query, or "index.html#" + query when the
/// page's address is unknown (the desktop app).
std::string share_link(const std::string& address, const std::string& query);
/// An <iframe> for a course page, 1000×700, with a title for screen readers (three lines).
std::string iframe_snippet(const std::string& link);

class ShareDialog {
 public:
  /// Opens with the restrictions in force checked.
  void open(const Restrictions& now);
  bool is_open() const { return open_; }
  /// Draws the dialog (when open) for the setup query `setup` (no hide/lock);
  /// it offers the views `dataset` has.
  void draw(const std::string& setup, const data::DatasetInfo& dataset);
  const ShareChoices& choices() const { return choices_; }

 private:
  bool open_ = false;
  ShareChoices choices_;
  std::string copied_;  // "link" or "snippet" after a Copy
};

}  // namespace nnplay::ui
