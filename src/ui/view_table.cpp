// view_table.cpp — THE table of what the app shows (view.h). Order is
// display order: each column top to bottom, the tabs left to right.
#include <algorithm>

#include "ui/view.h"

namespace nnplay::ui {

// One make_*() per view, each in its view's file.
std::unique_ptr<View> make_dataset_panel();
std::unique_ptr<View> make_augment_panel();
std::unique_ptr<View> make_model_panel();
std::unique_ptr<View> make_settings_panel();
std::unique_ptr<View> make_run_panel();
std::unique_ptr<View> make_run_bar();
std::unique_ptr<View> make_curves_panel();
std::unique_ptr<View> make_boundary_view();
std::unique_ptr<View> make_images_view();
std::unique_ptr<View> make_draw_view();
std::unique_ptr<View> make_masks_view();
std::unique_ptr<View> make_sequences_view();
std::unique_ptr<View> make_function_view();
std::unique_ptr<View> make_clips_view();
std::unique_ptr<View> make_graph_view();
std::unique_ptr<View> make_maps_view();
std::unique_ptr<View> make_filters_view();
std::unique_ptr<View> make_neurons_view();
std::unique_ptr<View> make_layers_view();
std::unique_ptr<View> make_weights_view();
std::unique_ptr<View> make_confusion_view();
std::unique_ptr<View> make_race_view();
std::unique_ptr<View> make_surface_view();
std::unique_ptr<View> make_init_view();
std::unique_ptr<View> make_perceptron_view();
std::unique_ptr<View> make_lessons_view();

namespace {

using data::DatasetInfo;
using data::Family;
// Points over the plane: the 2D sets, and a CSV file with two features.
bool points(const DatasetInfo& d) {
  return d.family == Family::Points && (d.sample_shape.rank == 0 || d.sample_shape == Shape{1, 2});
}
bool images(const DatasetInfo& d) { return d.family == Family::Images; }
bool masks(const DatasetInfo& d) { return d.family == Family::Segmentation; }
bool sequences(const DatasetInfo& d) { return d.family == Family::Sequences; }
bool functions(const DatasetInfo& d) { return d.family == Family::Functions; }
bool clips(const DatasetInfo& d) { return d.family == Family::Clips; }
bool classes(const DatasetInfo& d) { return !d.regression(); }
// The draw pad: 28×28 grey images with classes (MNIST, Fashion-MNIST).
bool drawable(const DatasetInfo& d) { return images(d) && d.sample_shape == Shape{1, 1, 28, 28} && classes(d); }
bool pictures(const DatasetInfo& d) { return images(d) || masks(d); }
bool points_or_pictures(const DatasetInfo& d) { return points(d) || pictures(d); }
// A table of features: the user's CSV (rows of F standardized features).
bool table(const DatasetInfo& d) { return d.user && d.family == Family::Points; }

const ViewInfo kViews[] = {
    // --- right column: run and watch (narrow windows: Run on top of the left column, Curves a tab
    // after the data's picture)
    {"run", "Run", "train, pause, step, reset; epoch, step, speed, loss and accuracy", Where::Right, "", nullptr,
     make_run_panel, Where::Left},
    // --- phones: the run strip above the view menu (the Run panel itself is in Setup)
    {"runbar", "Run strip", "train, pause, step, reset and the latest losses in one strip", Where::Nowhere, "",
     nullptr, make_run_bar, std::nullopt, Where::Top},
    // --- left column: what to train and how
    {"dataset", "Data", "dataset, noise, samples, validation split", Where::Left, "", nullptr, make_dataset_panel},
    {"augment", "Augmentation", "flips, crops, rotations and input noise for image batches, with a preview",
     Where::Left, "", images, make_augment_panel},
    {"model", "Network", "the MLP's layers, a zoo network with its switches, or a network as text; model files",
     Where::Left, "", nullptr, make_model_panel},
    {"training", "Training", "optimizer, learning rate and schedule, batch size, loss, init, seed, every setting",
     Where::Left, "", nullptr, make_settings_panel},
    // --- right column: run and watch
    // --- middle column: the lessons first (a first visit opens them), then the data's picture
    {"lessons", "Lessons", "the lecture's claims as experiments: one click runs one, the outcome in numbers",
     Where::WideTab, "", nullptr, make_lessons_view},
    {"boundary", "Boundary", "the decision boundary over the plane, with the data points", Where::Tab, "", points,
     make_boundary_view},
    {"images", "Images", "validation images with predicted and true classes", Where::Tab, "", images,
     make_images_view},
    {"draw", "Draw", "draw a digit or a garment: the network's class probabilities and feature maps for it, live",
     Where::Tab, "", drawable, make_draw_view},
    {"masks", "Masks", "images, true masks and predicted masks", Where::Tab, "", masks, make_masks_view},
    {"sequences", "Sequences", "validation sequences with the predicted symbol", Where::Tab, "", sequences,
     make_sequences_view},
    {"function", "Function", "the 1D function's points and the network's curve y(x) through them", Where::Tab, "",
     functions, make_function_view},
    {"clips", "Clips", "validation clips frame by frame, with the predicted direction of motion", Where::Tab, "", clips,
     make_clips_view},
    {"curves", "Curves", "training and validation loss and accuracy, the learning rate", Where::Right, "", nullptr,
     make_curves_panel, Where::Tab},
    // --- the network's views
    {"network", "Network", "the network: graph, feature maps, filters, layers, confusion", Where::Tab, "", nullptr,
     nullptr},
    {"graph", "Graph", "every node with its shape, parameters, multiply-adds and receptive field", Where::Tab,
     "network", nullptr, make_graph_view},
    {"neurons", "Neurons", "each unit's output over the plane, or a CNN's first channels on an image, linked by "
     "weight (TF Playground's network picture)",
     Where::Tab, "network", points_or_pictures, make_neurons_view},
    {"maps", "Feature maps", "every layer's output for one validation image", Where::Tab, "network", pictures,
     make_maps_view},
    {"filters", "Filters", "the weights of a convolution, one tile per filter", Where::Tab, "network", pictures,
     make_filters_view},
    {"weights", "Feature weights", "how much the first layer weighs each column of a table (a CSV)", Where::Tab,
     "network", table, make_weights_view},
    {"layers", "Layers", "per-layer activations and gradients over time; batch-norm statistics", Where::Tab,
     "network", nullptr, make_layers_view},
    {"confusion", "Confusion", "which classes the network confuses, and the misclassified samples", Where::Tab,
     "network", classes, make_confusion_view},
    // --- the optimizer views (wide: they take the right column too)
    {"race", "Race", "optimizers race on the same network, data and initial weights", Where::WideTab, "", nullptr,
     make_race_view},
    {"surface", "Loss surface", "optimizer paths on test functions; the network's loss on a slice", Where::WideTab,
     "", nullptr, make_surface_view},
    {"init", "Init", "activation scale per layer at initialisation, per scheme", Where::WideTab, "", nullptr,
     make_init_view},
    {"perceptron", "Perceptron", "the perceptron rule, epoch by epoch, on a 2D set", Where::WideTab, "", nullptr,
     make_perceptron_view},
};

}  // namespace

std::span<const ViewInfo> view_table() { return kViews; }

const ViewInfo* find_view(std::string_view id) {
  for (const ViewInfo& v : kViews)
    if (id == v.id) return &v;
  return nullptr;
}

}  // namespace nnplay::ui
