// The storefront's side tables: product reviews, newsletter subscribers and core_url_rewrite with
// the category, product and product-in-category URLs of every store view, plus a few custom
// redirects.
#ifndef MIGRATE_SCRIPTS_GENERATOR_REVIEWS_NEWSLETTER_URLS_H_
#define MIGRATE_SCRIPTS_GENERATOR_REVIEWS_NEWSLETTER_URLS_H_

#include <cstdint>

#include "generator/catalog_model.h"
#include "generator/customers.h"
#include "generator/table_spec.h"

namespace migrate::generator {

// review_entity, review_status, review, review_detail, review_store, newsletter_subscriber,
// core_url_rewrite. `catalog` and `customers` must outlive the tables.
void AddReviewNewsletterUrlTables(const Catalog& catalog, const Customers& customers, uint32_t reviews,
                                  uint32_t guest_subscribers, TableList& tables);

}  // namespace migrate::generator

#endif  // MIGRATE_SCRIPTS_GENERATOR_REVIEWS_NEWSLETTER_URLS_H_
