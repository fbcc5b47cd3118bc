// CSV text to a dataset: expected values come from the CSV text itself (means
// and population stds worked out by hand in the comments), the class maps from
// the rule in csv.h, and every error names its line and column.
#include "data/csv.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace nnplay::data {
namespace {

CsvData parse_ok(const std::string& text, const std::string& target = "") {
  CsvOptions o;
  o.target = target;
  Result<CsvData> r = parse_csv_dataset(text, o);
  EXPECT_TRUE(r.ok()) << r.status().to_string() << "\n" << text;
  return r.ok() ? r.take() : CsvData{};
}

Status parse_error(const std::string& text, const CsvOptions& o = {}) {
  Result<CsvData> r = parse_csv_dataset(text, o);
  EXPECT_FALSE(r.ok()) << text;
  return r.status();
}

const float kR = static_cast<float>(std::sqrt(1.5));  // (−1, 0, 1)·√(3/2): three evenly spaced values standardized

TEST(Csv, HeaderNumericClassesAndStandardizedFeatures) {
  const CsvData d = parse_ok("x1,x2,label\n1,2,0\n3,6,1\n5,10,1\n");
  EXPECT_TRUE(d.has_header);
  EXPECT_EQ(d.delimiter, ',');
  EXPECT_EQ(d.feature_names, (std::vector<std::string>{"x1", "x2"}));
  EXPECT_EQ(d.target_name, "label");
  EXPECT_EQ(d.target_column, 2);
  const Dataset& ds = d.dataset;
  EXPECT_EQ(ds.sample_shape, (Shape{1, 2}));
  ASSERT_EQ(ds.size(), 3);
  EXPECT_FALSE(ds.regression());
  EXPECT_EQ(ds.num_classes, 2);
  EXPECT_EQ(ds.class_names, (std::vector<std::string>{"0", "1"}));
  EXPECT_EQ(ds.y, (std::vector<int32_t>{0, 1, 1}));
  // x1: mean 3, std √((4+0+4)/3) = √(8/3); x2: mean 6, std √((16+0+16)/3) = √(32/3).
  EXPECT_FLOAT_EQ(d.feature_mean[0], 3.0f);
  EXPECT_FLOAT_EQ(d.feature_mean[1], 6.0f);
  EXPECT_NEAR(d.feature_std[0], std::sqrt(8.0 / 3.0), 1e-6);
  EXPECT_NEAR(d.feature_std[1], std::sqrt(32.0 / 3.0), 1e-6);
  const float want[] = {-kR, -kR, 0, 0, kR, kR};
  ASSERT_EQ(ds.x_f32.size(), 6u);
  for (size_t i = 0; i < 6; ++i) EXPECT_NEAR(ds.x_f32[i], want[i], 1e-6) << i;
}

TEST(Csv, TextLabelsAreClassesInSortedOrder) {
  const CsvData d = parse_ok("a,species\n1,setosa\n2,virginica\n3,setosa\n4,versicolor\n");
  EXPECT_EQ(d.dataset.class_names, (std::vector<std::string>{"setosa", "versicolor", "virginica"}));
  EXPECT_EQ(d.dataset.y, (std::vector<int32_t>{0, 2, 0, 1}));
  EXPECT_EQ(d.dataset.num_classes, 3);
  EXPECT_EQ(d.dataset.outputs(), 3);
}

TEST(Csv, NumericClassesAreNumberedByValue) {
  // Labels 7, -3, 10 (whole, 3 distinct): classes -3 < 7 < 10; "7.0" is the number 7.
  const CsvData d = parse_ok("f,y\n0,7\n1,-3\n2,10\n3,7.0\n");
  EXPECT_EQ(d.dataset.class_names, (std::vector<std::string>{"-3", "7", "10"}));
  EXPECT_EQ(d.dataset.y, (std::vector<int32_t>{1, 0, 2, 1}));
  // Large whole numbers keep every digit in their names.
  const CsvData big = parse_ok("f,y\n0,1234568\n1,1234567\n");
  EXPECT_EQ(big.dataset.class_names, (std::vector<std::string>{"1234567", "1234568"}));
}

TEST(Csv, FractionalTargetIsRegressionStandardized) {
  // Targets 0.5, 1.5, 2.5: a fraction, so regression; mean 1.5, std √(2/3).
  const CsvData d = parse_ok("x,t\n1,0.5\n2,1.5\n3,2.5\n");
  const Dataset& ds = d.dataset;
  EXPECT_TRUE(ds.regression());
  EXPECT_EQ(ds.num_classes, 0);
  EXPECT_TRUE(ds.y.empty());
  EXPECT_TRUE(ds.class_names.empty());
  EXPECT_EQ(ds.outputs(), 1);
  EXPECT_FLOAT_EQ(d.target_mean, 1.5f);
  EXPECT_NEAR(d.target_std, std::sqrt(2.0 / 3.0), 1e-6);
  ASSERT_EQ(ds.targets.size(), 3u);
  EXPECT_NEAR(ds.targets[0], -kR, 1e-6);
  EXPECT_NEAR(ds.targets[1], 0.0f, 1e-6);
  EXPECT_NEAR(ds.targets[2], kR, 1e-6);
}

std::string integer_targets(int distinct) {
  std::string t = "x,y\n";
  for (int i = 0; i < distinct; ++i) t += std::to_string(i) + "," + std::to_string(i * 2) + "\n";
  return t;
}

TEST(Csv, WholeNumberTargetIsClassesUpToTheLimitThenRegression) {
  const CsvData at = parse_ok(integer_targets(kCsvMaxIntegerClasses));
  EXPECT_FALSE(at.dataset.regression());
  EXPECT_EQ(at.dataset.num_classes, kCsvMaxIntegerClasses);
  EXPECT_EQ(at.dataset.class_names.back(), std::to_string(2 * (kCsvMaxIntegerClasses - 1)));
  const CsvData over = parse_ok(integer_targets(kCsvMaxIntegerClasses + 1));
  EXPECT_TRUE(over.dataset.regression());
}

TEST(Csv, DelimitersLineEndsBomBlankLinesAndQuotes) {
  const std::string want_names[] = {"a", "b"};
  const char* texts[] = {
      "a;b;c\n1;2;x\n3;4;y\n",
      "a\tb\tc\n1\t2\tx\n3\t4\ty\n",
      "a,b,c\r\n1,2,x\r\n3,4,y\r\n",
      "a,b,c\r1,2,x\r3,4,y",
      ("\xEF\xBB\xBF" "a,b,c\n1,2,x\n3,4,y"),
      "\n  \na,b,c\n\n1,2,x\n   \n\n3,4,y\n\n",
      "\"a\", \"b\" ,\"c\"\n 1 ,2,\"x\"\n3,\" 4\",y\n",
  };
  for (const char* t : texts) {
    const CsvData d = parse_ok(t);
    EXPECT_TRUE(d.has_header) << t;
    EXPECT_EQ(d.feature_names, (std::vector<std::string>{"a", "b"})) << t;
    EXPECT_EQ(d.dataset.class_names, (std::vector<std::string>{"x", "y"})) << t;
    ASSERT_EQ(d.dataset.x_f32.size(), 4u) << t;
    EXPECT_FLOAT_EQ(d.dataset.x_f32[0], -1.0f) << t;  // two values standardize to −1, +1
    EXPECT_FLOAT_EQ(d.dataset.x_f32[3], 1.0f) << t;
    EXPECT_FLOAT_EQ(d.feature_mean[1], 3.0f) << t;
  }
  EXPECT_EQ(parse_ok("a;b;c\n1;2;x\n3;4;y\n").delimiter, ';');
  EXPECT_EQ(parse_ok("a\tb\tc\n1\t2\tx\n3\t4\ty\n").delimiter, '\t');
}

TEST(Csv, QuotedLabelsKeepDelimitersQuotesAndNewlines) {
  const CsvData d = parse_ok("v,name\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,\"a, b\"\n");
  EXPECT_EQ(d.dataset.class_names, (std::vector<std::string>{"a, b", "say \"hi\"", "two\nlines"}));
  EXPECT_EQ(d.dataset.y, (std::vector<int32_t>{0, 1, 2, 0}));
}

TEST(Csv, WithoutHeaderColumnsAreNumbered) {
  const CsvData d = parse_ok("1,2,0\n3,4,1\n");
  EXPECT_FALSE(d.has_header);
  EXPECT_EQ(d.feature_names, (std::vector<std::string>{"column 1", "column 2"}));
  EXPECT_EQ(d.target_name, "column 3");
  EXPECT_EQ(d.dataset.size(), 2);
  // Text labels do not make a header: the feature columns decide.
  const CsvData t = parse_ok("1,2,cat\n3,4,dog\n");
  EXPECT_FALSE(t.has_header);
  EXPECT_EQ(t.dataset.size(), 2);
}

TEST(Csv, TargetByNameOrColumnNumber) {
  const std::string text = "label,x,y\nb,1,10\na,2,20\nb,3,30\n";
  const CsvData byname = parse_ok(text, "label");
  EXPECT_EQ(byname.target_column, 0);
  EXPECT_EQ(byname.feature_names, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(byname.dataset.y, (std::vector<int32_t>{1, 0, 1}));
  const CsvData bynumber = parse_ok(text, "1");
  EXPECT_EQ(bynumber.target_column, 0);
  // Column 2 ("x") as the target: 1, 2, 3 are whole: classes; but "label" is now a feature and not a number.
  CsvOptions o;
  o.target = "2";
  const Status st = parse_error(text, o);
  EXPECT_EQ(st.code(), ErrorCode::DATA_CORRUPT);
  EXPECT_NE(st.message().find("line 2, column 1 (\"label\"): 'b' is not a number"), std::string::npos) << st.message();
  o.target = "z";
  EXPECT_EQ(parse_error(text, o).code(), ErrorCode::INVALID_ARGUMENT);
  o.target = "4";
  EXPECT_EQ(parse_error(text, o).code(), ErrorCode::INVALID_ARGUMENT);
  o.target = "0";
  EXPECT_EQ(parse_error(text, o).code(), ErrorCode::INVALID_ARGUMENT);
}

TEST(Csv, ConstantFeatureKeepsStdOne) {
  const CsvData d = parse_ok("a,b,y\n5,1,0\n5,2,1\n");
  EXPECT_FLOAT_EQ(d.feature_mean[0], 5.0f);
  EXPECT_FLOAT_EQ(d.feature_std[0], 1.0f);
  EXPECT_FLOAT_EQ(d.dataset.x_f32[0], 0.0f);
  EXPECT_FLOAT_EQ(d.dataset.x_f32[2], 0.0f);
}

struct BadCase {
  const char* text;
  ErrorCode code;
  const char* where;  // a part of the message: the place and what is wrong
};

TEST(Csv, EveryErrorNamesItsPlace) {
  const BadCase cases[] = {
      {"a,b,y\n1,,0\n3,4,1\n", ErrorCode::DATA_CORRUPT, "line 2, column 2 (\"b\"): empty cell"},
      {"a,b,y\n1,2,0\n3,4,\n", ErrorCode::DATA_CORRUPT, "line 3, column 3 (\"y\"): empty cell"},
      {"a,b,y\n1,2,0\n\n\n3,x4,1\n", ErrorCode::DATA_CORRUPT, "line 5, column 2 (\"b\"): 'x4' is not a number"},
      {"a,b,y\n1,2,0\n3,1e999,1\n", ErrorCode::DATA_CORRUPT, "line 3, column 2 (\"b\"): '1e999' is beyond float32"},
      {"a,b,y\n1,nan,0\n3,4,1\n", ErrorCode::DATA_CORRUPT, "line 2, column 2 (\"b\"): 'nan' is not a number"},
      {"a,b,y\n1,inf,0\n3,4,1\n", ErrorCode::DATA_CORRUPT, "'inf' is not a number"},
      {"a,b,y\n1,0x10,0\n3,4,1\n", ErrorCode::DATA_CORRUPT, "'0x10' is not a number"},
      {"a;b;y\n1;2,5;0\n3;4;1\n", ErrorCode::DATA_CORRUPT, "line 2, column 2 (\"b\"): '2,5' is not a number"},
      {"a,b,y\n1,2,0\n3,4\n", ErrorCode::DATA_CORRUPT, "line 3: 2 cells, expected 3"},
      {"a,b,y\n1,2,0,9\n3,4,1\n", ErrorCode::DATA_CORRUPT, "line 2: 4 cells, expected 3"},
      {"a,b,y\n1,2,0\n3,4,\"open\n5,6,1\n", ErrorCode::DATA_CORRUPT, "line 3, column 3: the quote opened here is never closed"},
      {"a,b,y\n1,2,\"x\"z\n3,4,1\n", ErrorCode::DATA_CORRUPT, "line 2, column 3: text after the closing quote"},
      {"a,b,y\n1,2,x\"z\n3,4,1\n", ErrorCode::DATA_CORRUPT, "line 2, column 3: a quote inside an unquoted cell"},
      {"a,b,y\n1,2,\"two\nlines\"\n3,?,1\n", ErrorCode::DATA_CORRUPT, "line 4, column 2 (\"b\"): '?' is not a number"},
      {"a,b,y\n1,2,cat\n3,4,cat\n", ErrorCode::DATA_CORRUPT, "holds one class ('cat')"},
      {"a,b,y\n1,2,3\n3,4,3\n", ErrorCode::DATA_CORRUPT, "holds one class (3)"},
      {"a,b,y\n1,2,0.5\n3,4,0.5\n", ErrorCode::DATA_CORRUPT, "holds one value"},
      {"1.2x,3,0\n4,5,1\n6,7,0\n", ErrorCode::DATA_CORRUPT, "line 1, column 1 (\"column 1\"): '1.2x' is not a number"},
      {"only\n1\n2\n", ErrorCode::DATA_CORRUPT, "line 1: one column"},
      {"a,b,y\n", ErrorCode::DATA_CORRUPT, "one row"},
      {"a,b,y\n1,2,0\n", ErrorCode::DATA_CORRUPT, "one data row"},
      {"", ErrorCode::DATA_CORRUPT, "no rows"},
      {"\n \r\n\n", ErrorCode::DATA_CORRUPT, "no rows"},
  };
  for (const BadCase& c : cases) {
    const Status st = parse_error(c.text);
    EXPECT_EQ(st.code(), c.code) << c.text << " -> " << st.to_string();
    EXPECT_NE(st.message().find(c.where), std::string::npos) << c.text << " -> " << st.message();
  }
}

TEST(Csv, LimitsAreRefusedWithAMessage) {
  struct Case {
    void (*set)(CsvLimits&);
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {[](CsvLimits& l) { l.max_bytes = 10; }, "a,b,y\n1,2,0\n3,4,1\n", "18 bytes, more than 10"},
      {[](CsvLimits& l) { l.max_rows = 2; }, "a,b,y\n1,2,0\n3,4,1\n5,6,0\n", "line 4: more than 2 rows"},
      {[](CsvLimits& l) { l.max_columns = 3; }, "a,b,c,y\n1,2,3,0\n", "line 1: more than 3 columns"},
      // Two features a row: the third row would make 6.
      {[](CsvLimits& l) { l.max_values = 5; }, "a,b,y\n1,2,0\n3,4,1\n5,6,0\n", "line 4: more than 5 feature values"},
      {[](CsvLimits& l) { l.max_classes = 2; }, "a,y\n1,p\n2,q\n3,p\n4,r\n",
       "line 5, column 2: the target column \"y\" has more than 2 distinct labels"},
  };
  for (const Case& c : cases) {
    CsvOptions o;
    c.set(o.limits);
    const Status st = parse_error(c.text, o);
    EXPECT_EQ(st.code(), ErrorCode::RESOURCE_EXHAUSTED) << c.message;
    EXPECT_NE(st.message().find(c.message), std::string::npos) << st.message();
  }
}

}  // namespace
}  // namespace nnplay::data
