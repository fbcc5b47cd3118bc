// main.cpp — wiring only: platform (window, GL, ImGui backends) -> App ->
// embedding API -> frame loop. The same file for the desktop and the web.
#include <cstdio>

#include "platform/platform.h"
#include "ui/app.h"

using namespace nnplay;

int main(int argc, char** argv) {
  platform::AppDesc desc;
  desc.title = "nnplay";
  Status st = platform::init(argc, argv, desc);
  if (!st.ok()) {
    std::fprintf(stderr, "nnplay: %s\n", st.to_string().c_str());
    return 1;
  }
  // On the web main() never returns (the browser owns the loop), so the app
  // lives on the heap for the page's lifetime.
  static ui::App* app = new ui::App();
  app->init(platform::initial_query());
  platform::set_api({[](const std::string& json) { return app->api_command(json); },
                     [] { return app->api_status(); },
                     [] { return app->api_catalog(); },
                     [] { return app->api_ui(); }});
  platform::run([] { app->frame(); });
  return 0;
}
