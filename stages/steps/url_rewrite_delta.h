// Magento's Url Rewrite delta for Magento 1 CE (Migration\Step\UrlRewrite\Version191to2000Delta):
// replays group delta_url_rewrite (core_url_rewrite, keyed by url_rewrite_id) into url_rewrite and
// catalog_url_rewrite_product_category through the data stage's plans (UrlRewritePlan,
// ProductCategoryPlan, UrlRewriteTransform), then brings the CMS page rewrites up to date.
//
// Each page of changed ids, in ONE destination transaction:
//   1. the CMS page rewrites in the way of the page's Magento 1 rows are deleted: those holding one
//      of the page's ids (a CMS rewrite takes the next id after Magento 1's in Magento 2, which a
//      new Magento 1 rewrite may take later) and those holding the request path and store of one of
//      its rows (the unique key); the CMS sync below writes them again under new ids;
//   2. ids whose row is gone are deleted from url_rewrite with foreign key checks on, so their
//      product-category rows go too; the others are upserted under their own ids;
//   3. the product-category rows of the page's ids are upserted, and deleted where the row no
//      longer links a product to a category.
// Then the page's changelog rows are removed by version (io/changelog.h): a change committed
// meanwhile stays pending, and a kill at any moment replays at most a page again.
//
// CMS page rewrites (entity_type 'cms-page'): cms_page is in no delta group, so at the end of every
// cycle the source's CMS rewrites (io::CmsPageRewritesSql, as the data stage writes them) are
// compared with Magento 2's by (request_path, store_id): rows that changed are updated in place
// (their url_rewrite_id stays), missing ones inserted under the destination's next id, and ones the
// source no longer has deleted, in one transaction. A cycle without changes writes nothing, so ids
// do not churn; Magento's delta deletes and inserts every CMS rewrite each cycle under new ids,
// which may collide with later Magento 1 ids.
//
// After catch-up, url_rewrite equals a fresh `migrate data` of the source in every row of Magento 1
// (ids included) and, for the CMS page rewrites, in every column but url_rewrite_id (a fresh run
// numbers them after Magento 1's last id); catalog_url_rewrite_product_category is equal.
#ifndef MIGRATE_STAGES_STEPS_URL_REWRITE_DELTA_H_
#define MIGRATE_STAGES_STEPS_URL_REWRITE_DELTA_H_

#include <memory>
#include <optional>
#include <vector>

#include "io/changelog.h"
#include "io/mysql_connection.h"
#include "pipeline/delta_apply.h"
#include "stages/step_stage.h"
#include "stages/steps/url_rewrite_step.h"

namespace migrate::stages {

class UrlRewrite191Delta : public StepStage {
 public:
  absl::StatusOr<bool> Run(RunContext& context, const StepLog& log) override;
  // The pending entries of core_url_rewrite's changelog. The CMS page rewrites are brought up to
  // date at the end of every cycle, so none are pending after one (a page changed after that
  // cycle's comparison is the next cycle's).
  absl::StatusOr<std::vector<PendingChanges>> Pending(RunContext& context, io::MysqlConnection& source,
                                                      io::MysqlConnection& destination) override;

 private:
  absl::Status Prepare(RunContext& context, const StepLog& log);
  absl::Status Replay(RunContext& context, const StepLog& log);
  // Steps 1-3 above for the ids `keys`; returns the rows written and deleted. The values the
  // destination changes are recorded in the run's log (fatal: the page rolls back).
  absl::StatusOr<pipeline::DeltaApplyResult> ApplyPage(RunContext& context, const std::vector<io::Key>& keys);
  absl::Status SyncCmsRewrites(RunContext& context, const StepLog& log);

  bool prepared_ = false;
  UrlRewriteTables tables_;
  pipeline::DeltaPlan rewrites_;
  pipeline::DeltaPlan product_categories_;
  // Absent when the delta groups file does not list core_url_rewrite.
  std::optional<io::Changelog> changelog_;
  std::unique_ptr<io::MysqlConnection> source_;
  std::unique_ptr<io::MysqlConnection> destination_;
};

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_STEPS_URL_REWRITE_DELTA_H_
