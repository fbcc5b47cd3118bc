// nnplay-train — headless training from the command line (native, and under
// node as WebAssembly). Engine + data files only; the same config table as
// the app, the URL and window.nnplay (train/config.h), so every setting is a
// flag: --dataset fashion_mnist --layers 128:relu,64:relu --lr 0.1 ...
//
// Prints one line per epoch (train/val loss and accuracy, samples per second)
// and, for datasets with a test split, the test accuracy at the end. It is
// the benchmark entry point for whole-training throughput.
//
// With --data FILE.csv it trains on the user's own table (Session::load_csv,
// data/csv.h): --target COL picks the target column.
//
// With --race it runs the optimizer race instead (train/race.h): each --race
// gives one lane's own settings as a link, e.g. --race optimizer=sgd&lr=0.1
// --race optimizer=adam&lr=0.01; every lane starts from the same weights and
// batches, and the table at the end compares them.
//
// With --export-pytorch DIR it writes the network out to PyTorch at the end
// (train/export_pytorch.h): DIR/model.py, DIR/weights.npz, DIR/sample.npz;
// `python3 DIR/model.py` checks PyTorch's outputs against nnplay's.
// With --export-onnx DIR, to ONNX (train/export_onnx.h): DIR/model.onnx and
// DIR/test_data_set_0/{input_0,output_0}.pb (a sample and nnplay's outputs).
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "cli/data_files.h"
#include "core/parallel.h"
#include "core/zip.h"
#include "train/config.h"
#include "train/export_onnx.h"
#include "train/export_pytorch.h"
#include "train/session.h"
#include "train/playground.h"
#include "train/race.h"
#include "train/session_json.h"

using namespace nnplay;

namespace {

// An accuracy as text: "0.9750", or "-" on a regression set (dataset function), which has none.
std::string acc_text(double v) {
  if (std::isnan(v)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  return buf;
}

// --init-from: the session starts from the file's matching weights (Playground::init_from).
int init_from(train::Playground& play, const std::string& path, bool head, bool quiet) {
  std::vector<uint8_t> bytes;
  std::string error;
  if (!cli::read_file(path, &bytes, &error)) {
    std::fprintf(stderr, "nnplay-train: --init-from: %s\n", error.c_str());
    return 1;
  }
  play.add_model_file(path, std::move(bytes));
  auto t = play.init_from(path, -1, head);
  if (!t.ok()) {
    std::fprintf(stderr, "nnplay-train: --init-from: %s\n", t.status().message().c_str());
    return 1;
  }
  if (!quiet) std::printf("nnplay-train: %s\n", t.value().text().c_str());
  return 0;
}

// --export-pytorch DIR: model.py, weights.npz and sample.npz in DIR (made if
// missing); --export-onnx DIR: model.onnx and test_data_set_0/*.pb.
int export_to(train::Session& session, const std::string& dir, bool onnx) {
  const char* flag = onnx ? "--export-onnx" : "--export-pytorch";
  auto files = onnx ? train::export_onnx(session) : train::export_pytorch(session);
  if (!files.ok()) {
    std::fprintf(stderr, "nnplay-train: %s: %s\n", flag, files.status().message().c_str());
    return 1;
  }
  for (const train::ExportFile& f : files.value()) {
    const std::filesystem::path path = std::filesystem::path(dir) / f.name;
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) {
      std::fprintf(stderr, "nnplay-train: %s: cannot make %s: %s\n", flag, path.parent_path().string().c_str(),
                   ec.message().c_str());
      return 1;
    }
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(f.bytes.data()), static_cast<std::streamsize>(f.bytes.size()));
    if (!out) {
      std::fprintf(stderr, "nnplay-train: %s: cannot write %s\n", flag, path.string().c_str());
      return 1;
    }
    std::printf("exported %s (%zu bytes)\n", path.string().c_str(), f.bytes.size());
  }
  if (onnx)
    std::printf("run it with any ONNX runtime; input \"input\", output \"output\" (%s)\n",
                (std::filesystem::path(dir) / "model.onnx").string().c_str());
  else
    std::printf("check it with PyTorch: /usr/bin/python3 %s\n",
                (std::filesystem::path(dir) / "model.py").string().c_str());
  return 0;
}

void usage() {
  std::printf(
      "usage: nnplay-train [--SETTING VALUE ...] [--epochs N] [--data FILE.csv [--target COL]]\n"
      "                    [--data FOLDER|FILE.zip [--image-format gray28|rgb32]] [--data-dir DIR]\n"
      "                    [--load FILE] [--save FILE]\n"
      "                    [--export-pytorch DIR] [--export-onnx DIR] [--init-from FILE [--fresh-head]] [--json] [--quiet] [--race LANE --race LANE ...]\n"
      "\n"
      "Trains a network on a dataset and prints per-epoch metrics and samples per second.\n"
      "\n"
      "Options:\n"
      "  --epochs N        epochs to train (default 5; 0 with --load: only save or export)\n"
      "  --threads N       threads that split convolutions and large Linear layers (default 1;\n"
      "                    results match 1 thread up to float rounding of weight gradients)\n"
      "  --data FILE.csv   train on your own table: numeric feature columns and a target column\n"
      "                    (class labels, numbers or text, or real values for regression); header\n"
      "                    optional; ',' ';' or tab; features standardized (dataset csv)\n"
      "  --target COL      with --data: the target column, a header name or a number from 1\n"
      "                    (default: the last column)\n"
      "  --data FOLDER     train on your own images (dataset images): a folder, or FILE.zip, with\n"
      "                    one folder per class (cats/01.png, dogs/01.jpg); PNG, JPEG or BMP;\n"
      "                    other files are skipped\n"
      "  --image-format F  with --data FOLDER: gray28 (grey 28x28, default) or rgb32 (RGB 32x32)\n"
      "  --data-dir DIR    folder with the converted datasets (default $NNPLAY_DATA,\n"
      "                    else ~/.cache/nnplay/data, as made by scripts/bootstrap)\n"
      "  --load FILE       start from a saved model (its settings, then --SETTING flags), or from an\n"
      "                    ONNX model (.onnx, e.g. torch.onnx.export: its graph becomes model=custom)\n"
      "  --save FILE       save the trained model (settings, weights, buffers) at the end\n"
      "  --export-pytorch DIR  write the trained network out to PyTorch at the end: DIR/model.py\n"
      "                    (an nn.Module), DIR/weights.npz (its state_dict), DIR/sample.npz\n"
      "                    (inputs and nnplay's outputs); /usr/bin/python3 DIR/model.py checks them\n"
      "  --export-onnx DIR write the trained network out to ONNX at the end: DIR/model.onnx\n"
      "                    (opset 13, weights inside) and DIR/test_data_set_0/{input_0,output_0}.pb\n"
      "                    (a sample and nnplay's outputs, ONNX's test layout)\n"
      "  --init-from FILE  transfer learning: keep these settings and data, start from FILE's\n"
      "                    weights where a layer's name and shape match (the rest fresh)\n"
      "  --fresh-head      with --init-from: the output layer starts fresh even if it fits\n"
      "  --race LANE       a race lane: its own settings as a link, e.g. 'optimizer=adam&lr=0.01'\n"
      "                    or 'layers=8:sigmoid,8:sigmoid' (1 to 4 lanes, all from the same seed;\n"
      "                    any setting but the data's: dataset, function, noise, samples,\n"
      "                    seq_len, val_fraction, train_limit, classes, seed are shared)\n"
      "  --json            print each epoch as a JSON status line\n"
      "  --quiet           print only the final summary\n"
      "  --help            this text\n"
      "\n"
      "Settings (same keys as the app's URL and window.nnplay.command):\n");
  train::Config defaults;
  for (const train::ConfigField& f : train::config_fields()) {
    const std::string range = f.type == train::FieldType::Text ? "" : "; " + f.range_text();
    std::printf("  --%-14s %s (default %s%s)\n", f.key, f.help, f.get(defaults).c_str(), range.c_str());
  }
  std::printf(
      "\nExample:\n"
      "  nnplay-train --dataset fashion_mnist --layers 128:relu,64:relu --batch_size 64 \\\n"
      "               --optimizer sgd --lr 0.1 --epochs 3\n"
      "  nnplay-train --dataset spiral --layers 16:relu,16:relu --race 'optimizer=sgd&lr=0.03' \\\n"
      "               --race 'optimizer=sgd&lr=0.03&momentum=0.9' --race 'optimizer=adam&lr=0.01' --epochs 20\n");
}


// The optimizer race: every lane trains `epochs` epochs (the race keeps them
// level per sample seen); then one row per lane.
int run_race(train::Playground& play, const std::vector<train::Settings>& lanes, int epochs,
             const std::function<void()>& load_data, bool quiet) {
  train::RaceCommand start;
  start.lanes = train::RaceCommand::Lanes::Set;
  start.lane_settings = lanes;
  start.action = train::Action::Train;
  if (Status st = play.apply(start); !st.ok()) {
    std::fprintf(stderr, "nnplay-train: %s\n", st.message().c_str());
    return 2;
  }
  load_data();
  const train::Race& race = play.race();
  if (race.loading()) {
    std::fprintf(stderr, "nnplay-train: the race's data did not load\n");
    return 1;
  }
  const train::SessionStatus s0 = race.lane(0).status();
  if (!quiet)
    std::printf("nnplay-train: race of %d lanes on %s, network %s (%lld parameters), %d train / %d val\n", race.size(),
                s0.dataset.c_str(), s0.architecture.c_str(), static_cast<long long>(s0.num_params), s0.train_size,
                s0.val_size);
  auto behind = [&]() {
    double e = 1e300;
    for (int i = 0; i < race.size(); ++i)
      if (race.lane(i).status().running) e = std::min(e, race.lane(i).trainer().epoch_progress());
    return e;
  };
  int shown = 0;
  while (race.running() && behind() < epochs) {
    (void)play.run_for(0.0);  // one unit of the lane furthest behind; a diverging lane stops alone
    const int whole = static_cast<int>(std::min<double>(behind(), epochs));
    for (; !quiet && shown < whole; ++shown) {
      std::printf("epoch %3d ", shown + 1);
      for (int i = 0; i < race.size(); ++i) {
        const train::SessionStatus s = race.lane(i).status();
        std::printf(" | lane %d loss_val %.4f acc_val %s", i + 1, static_cast<double>(s.loss_val),
                    acc_text(s.acc_val).c_str());
      }
      std::printf("\n");
      std::fflush(stdout);
    }
  }
  std::printf("%-4s  %-40s  %9s  %9s  %9s  %s\n", "lane", "settings", "loss_init", "loss_val", "acc_val", "steps");
  for (int i = 0; i < race.size(); ++i) {
    const train::SessionStatus s = race.lane(i).status();
    std::string own;
    for (const auto& [k, v] : race.lane_settings(i)) own += (own.empty() ? "" : " ") + k + "=" + v;
    std::printf("%-4d  %-40s  %9.4f  %9.4f  %9s  %lld%s%s\n", i + 1, own.c_str(), static_cast<double>(race.loss_init(i)),
                static_cast<double>(s.loss_val), acc_text(s.acc_val).c_str(), static_cast<long long>(s.step),
                s.last_error.empty() ? "" : "  stopped: ", s.last_error.c_str());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int epochs = 5;
  bool json = false, quiet = false;
  std::string data_dir = cli::default_data_dir(), load_path, save_path, init_path, export_dir,
              onnx_dir, csv_path, csv_target, image_format = "gray28";
  bool fresh_head = false;
  train::Command setup;
  std::vector<train::Settings> race_lanes;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      usage();
      return 0;
    }
    if (arg == "--json") { json = true; continue; }
    if (arg == "--quiet") { quiet = true; continue; }
    if (arg == "--fresh-head") { fresh_head = true; continue; }
    if (arg.rfind("--", 0) != 0) {
      std::fprintf(stderr, "nnplay-train: unexpected argument '%s' (see --help)\n", arg.c_str());
      return 2;
    }
    std::string key = arg.substr(2), value;
    const size_t eq = key.find('=');
    if (eq != std::string::npos) {
      value = key.substr(eq + 1);
      key = key.substr(0, eq);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      std::fprintf(stderr, "nnplay-train: --%s needs a value\n", key.c_str());
      return 2;
    }
    if (key == "epochs") {
      epochs = std::atoi(value.c_str());
      if (epochs < 0 || epochs > 10000 || value.empty() || value.find_first_not_of("0123456789") != std::string::npos) {
        std::fprintf(stderr, "nnplay-train: --epochs must be from 0 to 10000, got '%s'\n", value.c_str());
        return 2;
      }
    } else if (key == "threads") {
      Status st = parallel::set_num_threads(std::atoi(value.c_str()));
      if (!st.ok()) {
        std::fprintf(stderr, "nnplay-train: --threads: %s\n", st.message().c_str());
        return 2;
      }
    } else if (key == "data-dir") {
      data_dir = value;
    } else if (key == "data") {
      csv_path = value;
    } else if (key == "target") {
      csv_target = value;
    } else if (key == "image-format") {
      image_format = value;
    } else if (key == "load") {
      load_path = value;
    } else if (key == "save") {
      save_path = value;
    } else if (key == "export-pytorch") {
      export_dir = value;
    } else if (key == "export-onnx") {
      onnx_dir = value;
    } else if (key == "init-from") {
      init_path = value;
    } else if (key == "race") {
      auto lane = train::command_from_query(value);
      if (!lane.ok() || lane.value().action != train::Action::None) {
        std::fprintf(stderr, "nnplay-train: --race '%s': %s\n", value.c_str(),
                     lane.ok() ? "a lane takes settings, not an action" : lane.status().message().c_str());
        return 2;
      }
      race_lanes.push_back(lane.value().set);
    } else {
      if (!train::find_field(key)) {
        train::Config probe;
        Status st = train::set_config_value(probe, key, value);
        std::fprintf(stderr, "nnplay-train: %s\n", st.message().c_str());
        return 2;
      }
      setup.set.emplace_back(key, value);
    }
  }

  train::Playground play;
  train::Session& session = play.session();
  // Every file the session or the race lanes want, read from the data folder.
  auto load_data = [&]() { cli::load_wanted_files(play, data_dir); };
  if (!csv_target.empty() && csv_path.empty()) {
    std::fprintf(stderr, "nnplay-train: --target chooses a column of --data FILE.csv; no --data given\n");
    return 2;
  }
  if (!csv_path.empty()) {  // first, so that --load and the settings apply on top of it
    std::vector<data::ImageFile> files;
    std::string error;
    if (!cli::read_data(csv_path, &files, &error)) {
      std::fprintf(stderr, "nnplay-train: %s\n", error.c_str());
      return 1;
    }
    const bool table = files.size() == 1 && !data::is_image_path(files[0].path) && !looks_like_zip(files[0].bytes);
    if (!csv_target.empty() && !table) {
      std::fprintf(stderr, "nnplay-train: --target chooses a column of a CSV file; %s is images\n", csv_path.c_str());
      return 2;
    }
    const Status st =
        table ? play.load_csv(csv_path, std::string_view(reinterpret_cast<const char*>(files[0].bytes.data()), files[0].bytes.size()), csv_target)
              : play.load_files(std::move(files), image_format);
    if (!st.ok()) {
      std::fprintf(stderr, "nnplay-train: %s\n", st.message().c_str());
      return 1;
    }
  }
  if (!load_path.empty()) {
    std::vector<uint8_t> bytes;
    std::string error;
    if (!cli::read_file(load_path, &bytes, &error)) {
      std::fprintf(stderr, "nnplay-train: %s\n", error.c_str());
      return 1;
    }
    if (Status st = session.load(bytes, load_path); !st.ok()) {
      std::fprintf(stderr, "nnplay-train: %s\n", st.message().c_str());
      return 1;
    }
    load_data();
  }
  if (Status st = session.apply(setup); !st.ok()) {
    std::fprintf(stderr, "nnplay-train: %s\n", st.message().c_str());
    return 2;
  }
  load_data();
  if (session.loading() || !session.status().last_error.empty()) {
    std::fprintf(stderr, "nnplay-train: %s\n", session.status().last_error.c_str());
    return 1;
  }

  if (!init_path.empty()) {
    if (!race_lanes.empty()) {
      std::fprintf(stderr, "nnplay-train: --init-from starts the session's network, not a race's lanes\n");
      return 2;
    }
    if (int rc = init_from(play, init_path, !fresh_head, quiet); rc != 0) return rc;
  }
  if (!race_lanes.empty() && (!export_dir.empty() || !onnx_dir.empty())) {
    std::fprintf(stderr, "nnplay-train: --export-pytorch and --export-onnx export the session's network, not a race's lanes\n");
    return 2;
  }
  if (!race_lanes.empty()) return run_race(play, race_lanes, epochs, load_data, quiet);

  const train::SessionStatus s0 = session.status();
  if (!quiet)
    std::printf("nnplay-train: %s, network %s (%lld parameters, %lld MACs/sample), %s lr %g, batch %d, %d train / %d val\n",
                s0.dataset.c_str(), s0.architecture.c_str(), static_cast<long long>(s0.num_params),
                static_cast<long long>(s0.macs_per_sample), s0.optimizer.c_str(), static_cast<double>(s0.lr),
                s0.batch_size, s0.train_size, s0.val_size);
  const int steps_per_epoch = session.trainer().steps_per_epoch();
  double train_seconds = 0;
  int64_t train_samples = 0;
  for (int e = 0; e < epochs; ++e) {
    train::Command step;
    step.action = train::Action::Step;
    step.steps = steps_per_epoch;
    if (Status st = session.apply(step); !st.ok()) {
      std::fprintf(stderr, "nnplay-train: %s\n", st.message().c_str());
      return 1;
    }
    const train::EpochRecord& r = session.trainer().epochs().back();
    train_samples += s0.train_size;
    if (r.samples_per_sec > 0) train_seconds += s0.train_size / r.samples_per_sec;
    if (json) std::printf("%s\n", train::status_to_json(session.status()).c_str());
    else if (!quiet)
      std::printf("epoch %3d  step %7lld  loss_train %.4f  acc_train %s  loss_val %.4f  acc_val %s  samples/s %.0f\n",
                  r.epoch, static_cast<long long>(session.trainer().step_count()), static_cast<double>(r.loss_train),
                  acc_text(r.acc_train).c_str(), static_cast<double>(r.loss_val), acc_text(r.acc_val).c_str(),
                  r.samples_per_sec);
    std::fflush(stdout);
  }
  if (!session.trainer().epochs().empty()) {
    const train::EpochRecord& last = session.trainer().epochs().back();
    std::printf("final: loss_val %.4f  acc_val %s", static_cast<double>(last.loss_val), acc_text(last.acc_val).c_str());
  } else {
    std::printf("final: no training (--epochs 0)");
  }
  if (session.test_set()) {
    auto test = session.evaluate_test();
    if (test.ok())
      std::printf("  loss_test %.4f  acc_test %.4f", test.value().loss,
                  static_cast<double>(test.value().correct) / static_cast<double>(test.value().count));
  }
  if (epochs > 0)
    std::printf("  train samples/s %.0f", train_seconds > 0 ? static_cast<double>(train_samples) / train_seconds : 0.0);
  std::printf("\n");
  if (!save_path.empty()) {
    const std::vector<uint8_t> bytes = session.save();
    std::ofstream out(save_path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
      std::fprintf(stderr, "nnplay-train: cannot write %s\n", save_path.c_str());
      return 1;
    }
    std::printf("saved %s (%zu bytes)\n", save_path.c_str(), bytes.size());
  }
  if (!export_dir.empty())
    if (int rc = export_to(session, export_dir, false); rc != 0) return rc;
  if (!onnx_dir.empty()) return export_to(session, onnx_dir, true);
  return 0;
}
