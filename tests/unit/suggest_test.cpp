#include "compiler/util/Suggest.h"

#include <gtest/gtest.h>

#include "runtime/util/Suggest.h"

namespace zr {
namespace {

TEST(Suggest, EditDistanceCountsCodePointsNotBytes) {
  EXPECT_EQ(util::editDistance("优先保护", "优先保护"), 0u);
  EXPECT_EQ(util::editDistance("优先保护", "优先保户"), 1u);
  EXPECT_EQ(util::editDistance("vocs", "voc"), 1u);
  EXPECT_EQ(util::editDistance("", "abc"), 3u);
}

TEST(Suggest, DidYouMeanWithinALengthProportionalLimit) {
  std::vector<std::string> names = {"distance_to_yangtze", "in_park", "nox", "vocs"};
  EXPECT_EQ(didYouMean("voc", names), "did you mean 'vocs'?");
  EXPECT_EQ(didYouMean("distance_to_yangze", names), "did you mean 'distance_to_yangtze'?");
  EXPECT_EQ(didYouMean("in_parc", names), "did you mean 'in_park'?");
  EXPECT_EQ(didYouMean("completely_different", names), "");
}

TEST(Suggest, TiesGoToTheFirstCandidate) {
  EXPECT_EQ(didYouMean("ab", {"aa", "ac"}), "did you mean 'aa'?");
}

}  // namespace
}  // namespace zr
