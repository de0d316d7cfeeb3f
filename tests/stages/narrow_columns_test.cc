// Which destination columns are narrower than their source's, and when the source's actual
// extremes do not fit them: the integrity check's decision, without a server.
#include "stages/narrow_columns.h"

#include <string>

#include "gtest/gtest.h"

namespace migrate::stages {
namespace {

io::ColumnSchema Column(const std::string& column_type) {
  io::ColumnSchema column;
  column.name = "c";
  column.column_type = column_type;
  column.data_type = column_type.substr(0, column_type.find_first_of("( "));
  return column;
}

TEST(NarrowColumnsTest, OnlyNarrowerDestinationsAreChecked) {
  EXPECT_EQ(NarrowerCheck(Column("text"), Column("varchar(255)")), io::ExtremeKind::kCharLength);
  EXPECT_EQ(NarrowerCheck(Column("varchar(255)"), Column("varchar(64)")), io::ExtremeKind::kCharLength);
  EXPECT_EQ(NarrowerCheck(Column("varchar(255)"), Column("tinytext")), io::ExtremeKind::kByteLength);
  EXPECT_EQ(NarrowerCheck(Column("mediumblob"), Column("blob")), io::ExtremeKind::kByteLength);
  EXPECT_EQ(NarrowerCheck(Column("int(11)"), Column("smallint(6)")), io::ExtremeKind::kRange);
  EXPECT_EQ(NarrowerCheck(Column("int(11)"), Column("int(10) unsigned")), io::ExtremeKind::kRange);
  EXPECT_EQ(NarrowerCheck(Column("decimal(12,4)"), Column("decimal(6,2)")), io::ExtremeKind::kRange);
  EXPECT_EQ(NarrowerCheck(Column("bigint(20)"), Column("decimal(12,4)")), io::ExtremeKind::kRange);

  EXPECT_FALSE(NarrowerCheck(Column("varchar(64)"), Column("varchar(255)")).has_value());
  EXPECT_FALSE(NarrowerCheck(Column("varchar(255)"), Column("text")).has_value());
  EXPECT_FALSE(NarrowerCheck(Column("smallint(5) unsigned"), Column("int(10) unsigned")).has_value());
  EXPECT_FALSE(NarrowerCheck(Column("decimal(12,4)"), Column("decimal(20,6)")).has_value());
  EXPECT_FALSE(NarrowerCheck(Column("datetime"), Column("date")).has_value());
  EXPECT_FALSE(NarrowerCheck(Column("varchar(20)"), Column("int(11)")).has_value());
}

TEST(NarrowColumnsTest, ExtremesBeyondTheDestinationAreNamed) {
  io::Extremes longest;
  longest.longest = "600";
  EXPECT_EQ(ExceedsDestination(io::ExtremeKind::kCharLength, longest, Column("varchar(255)")),
            "its longest value is 600 characters");
  longest.longest = "255";
  EXPECT_FALSE(ExceedsDestination(io::ExtremeKind::kCharLength, longest, Column("varchar(255)")).has_value());
  EXPECT_FALSE(ExceedsDestination(io::ExtremeKind::kCharLength, io::Extremes{}, Column("varchar(255)")).has_value());

  io::Extremes range;
  range.min = "-1";
  range.max = "200";
  EXPECT_EQ(ExceedsDestination(io::ExtremeKind::kRange, range, Column("tinyint(3) unsigned")),
            "its values range from -1 to 200");
  range.min = "0";
  EXPECT_FALSE(ExceedsDestination(io::ExtremeKind::kRange, range, Column("tinyint(3) unsigned")).has_value());
  range.max = "9999.995";
  EXPECT_TRUE(ExceedsDestination(io::ExtremeKind::kRange, range, Column("decimal(6,2)")).has_value());
  range.max = "9999.99";
  EXPECT_FALSE(ExceedsDestination(io::ExtremeKind::kRange, range, Column("decimal(6,2)")).has_value());
}

}  // namespace
}  // namespace migrate::stages
