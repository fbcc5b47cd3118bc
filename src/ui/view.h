// view.h — everything the app shows, as one table (view_table.cpp): the
// panels of the two side columns and the tabs of the middle column. The
// table drives the layout, every tab bar, the names window.nnplay.command's
// "view" key and the URL's view= accept, and the error text listing them.
//
// A view is a class with its UI-only state as members (which image, node or
// option is chosen, textures made from engine results) and one draw() that
// reads the session through the Ctx each frame and changes it only through
// the Ctx's commands. Nothing in a view is engine state: a view can be thrown
// away and made again.
//
// Adding a view (docs/architecture.md, "Adding a view"): one file in the
// area's folder with the class and its make_*() function, one row in the table.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "data/catalog.h"

namespace nnplay::ui {

class Ctx;

class View {
 public:
  virtual ~View() = default;
  virtual void draw(Ctx& ctx) = 0;
};

/// Where a row lives.
enum class Where {
  Left,     // the settings column, top to bottom in table order
  Right,    // the run-and-curves column
  Tab,      // a tab of the middle column (or of its parent row's tab bar)
  WideTab,  // a tab of the middle column that also takes the right column's width
  Top,      // above the view menu, always visible (phones only)
  Nowhere,  // not shown in this layout
};

/// The window's layout, chosen each frame from its width in font sizes.
enum class Layout {
  Wide,    // three columns: settings | the tabs | run and curves
  Narrow,  // two columns (an 800-pixel embed, a tablet): ViewInfo::narrow places the right column's rows
  Phone,   // one column: a run strip on top, then a menu of views; the settings
           // column is the menu's first entry ("Setup"); ViewInfo::phone places rows
};

struct ViewInfo {
  const char* id;     // "maps": the name commands, the URL and tests use
  const char* title;  // "Feature maps": the label a student reads
  const char* about;  // one line: what it shows (tooltips, the API's list)
  Where where = Where::Tab;
  const char* parent = "";  // "" or the id of a group row whose own tab bar holds this tab
  /// The datasets it can show (nullptr: all). Judged on the dataset a command
  /// leads to, so {dataset: 'fashion_mnist', view: 'maps'} is fine.
  bool (*available)(const data::DatasetInfo&) = nullptr;
  /// Makes the view; nullptr for a group row (its children are its tab bar).
  std::unique_ptr<View> (*make)() = nullptr;
  /// Where it lives in a narrow window (two columns: the right column's rows
  /// move to the top of the left one, or become tabs); unset: `where`.
  std::optional<Where> narrow = std::nullopt;
  /// Where it lives on a phone (one column; Left rows form the Setup entry);
  /// unset: as in a narrow window.
  std::optional<Where> phone = std::nullopt;

  /// A tab in a wide window (the names commands and links accept).
  bool tab() const { return where == Where::Tab || where == Where::WideTab; }
  /// A name the `view` key accepts: a tab in some layout (Curves is one in a
  /// narrow window; where a row is not a tab it is in view anyway, and asking
  /// for it leaves the tab in front).
  bool selectable() const {
    return tab() || place(Layout::Narrow) == Where::Tab || place(Layout::Phone) == Where::Tab;
  }
  /// Where it lives in a window of this layout.
  Where place(Layout layout) const {
    if (layout == Layout::Phone && phone) return *phone;
    if (layout != Layout::Wide && narrow) return *narrow;
    return where;
  }
  bool shows(const data::DatasetInfo& d) const { return !available || available(d); }
};

/// The table, in display order.
std::span<const ViewInfo> view_table();
/// nullptr when no row has this id.
const ViewInfo* find_view(std::string_view id);

}  // namespace nnplay::ui
