#include "generator/reviews_newsletter_urls.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "generator/random.h"
#include "generator/stores.h"
#include "generator/text.h"

namespace migrate::generator {
namespace {

struct ReviewFacts {
  uint32_t id = 0;
  uint32_t product_id = 0;
  uint16_t store_id = 1;
  uint32_t customer_id = 0;  // 0: a guest
  int status_id = 1;         // 1 approved, 2 pending, 3 not approved
  int64_t created_at = 0;
};

ReviewFacts Review(const Catalog& catalog, const Customers& customers, uint32_t reviews, uint32_t review_id) {
  Random random = Random::For(catalog.seed(), "review", review_id);
  ReviewFacts review;
  review.id = review_id;
  review.store_id = static_cast<uint16_t>(random.Percent(60) ? 1 : random.Percent(60) ? 2 : 3);
  review.product_id = catalog.PickOrderable(random, review.store_id == 3 ? kJapanWebsite : kMainWebsite);
  if (random.Percent(60) && customers.count() > 0)
    review.customer_id = static_cast<uint32_t>(random.Between(1, customers.count()));
  const uint64_t status = random.Below(100);
  review.status_id = status < 70 ? 1 : status < 90 ? 2 : 3;
  review.created_at =
      kShopOpened + static_cast<int64_t>(review_id) * kFourYears / (reviews + 1) + random.Between(0, 7200);
  return review;
}

void EmitReviews(const Catalog& catalog, const Customers& customers, uint32_t reviews, RowSink& sink) {
  for (uint32_t id = 1; id <= reviews; ++id) {
    const ReviewFacts review = Review(catalog, customers, reviews, id);
    sink.Int("review_id", id).DateTime("created_at", review.created_at).Int("entity_id", 1);
    sink.Int("entity_pk_value", review.product_id).Int("status_id", review.status_id).EndRow();
  }
}

void EmitReviewDetails(const Catalog& catalog, const Customers& customers, uint32_t reviews, RowSink& sink) {
  for (uint32_t id = 1; id <= reviews; ++id) {
    const ReviewFacts review = Review(catalog, customers, reviews, id);
    Random random = Random::For(catalog.seed(), "review_text", id);
    const Language language = StoreViewById(review.store_id).language;
    std::string nickname;
    if (review.customer_id != 0) {
      nickname = customers.Customer(review.customer_id).name.first;
    } else {
      nickname = Person(random).first;
    }
    sink.Int("detail_id", id).Int("review_id", id).Int("store_id", review.store_id);
    sink.Text("title", ReviewTitle(random, language)).Text("detail", ReviewText(random, language));
    sink.Text("nickname", nickname);
    if (review.customer_id == 0) {
      sink.Null("customer_id");
    } else {
      sink.Int("customer_id", review.customer_id);
    }
    sink.EndRow();
  }
}

void EmitReviewStores(const Catalog& catalog, const Customers& customers, uint32_t reviews, RowSink& sink) {
  for (uint32_t id = 1; id <= reviews; ++id) {
    const ReviewFacts review = Review(catalog, customers, reviews, id);
    sink.Int("review_id", id).Int("store_id", 0).EndRow();
    sink.Int("review_id", id).Int("store_id", review.store_id).EndRow();
  }
}

void EmitSubscribers(const Customers& customers, uint32_t guest_subscribers, RowSink& sink) {
  uint32_t subscriber_id = 0;
  auto write = [&](uint16_t store_id, uint32_t customer_id, const std::string& email, Random& random) {
    sink.Int("subscriber_id", ++subscriber_id).Int("store_id", store_id);
    if (random.Percent(50)) {
      sink.DateTime("change_status_at", kShopOpened + random.Between(0, kFourYears));
    } else {
      sink.Null("change_status_at");
    }
    const uint64_t status = random.Below(100);
    sink.Int("customer_id", customer_id).Text("subscriber_email", email);
    sink.Int("subscriber_status", status < 80 ? 1 : status < 95 ? 3 : 2);
    sink.Text("subscriber_confirm_code", random.Percent(5) ? "NULL" : Hex32(random)).EndRow();
  };
  for (uint32_t id = 1; id <= customers.count(); ++id) {
    const CustomerFacts customer = customers.Customer(id);
    if (!customer.subscribed) continue;
    Random random = Random::For(customers.seed(), "subscriber", id);
    write(customer.store_id, id, customer.email, random);
  }
  for (uint32_t guest = 1; guest <= guest_subscribers; ++guest) {
    Random random = Random::For(customers.seed(), "guest_subscriber", guest);
    const PersonName name = Person(random);
    write(static_cast<uint16_t>(random.Percent(70) ? 1 : 2), 0, Email(name, 30000000 + guest, random), random);
  }
}

void EmitUrlRewrites(const Catalog& catalog, RowSink& sink) {
  int64_t rewrite_id = 0;
  auto write = [&](uint16_t store_id, uint32_t category_id, uint32_t product_id, const std::string& id_path,
                   const std::string& request_path, const std::string& target_path, bool is_system,
                   absl::string_view options, absl::string_view description) {
    sink.Int("url_rewrite_id", ++rewrite_id).Int("store_id", store_id);
    if (category_id == 0) {
      sink.Null("category_id");
    } else {
      sink.Int("category_id", category_id);
    }
    if (product_id == 0) {
      sink.Null("product_id");
    } else {
      sink.Int("product_id", product_id);
    }
    sink.Text("id_path", id_path).Text("request_path", request_path).Text("target_path", target_path);
    sink.Int("is_system", is_system ? 1 : 0);
    if (options.empty()) {
      sink.Null("options");
    } else {
      sink.Text("options", options);
    }
    if (description.empty()) {
      sink.Null("description");
    } else {
      sink.Text("description", description);
    }
    sink.EndRow();
  };
  for (const StoreView& store : StoreViews()) {
    const WebsiteMask website = store.website_id == 2 ? kJapanWebsite : kMainWebsite;
    for (const Category& category : catalog.categories()) {
      if (category.root_id != store.root_category_id || category.level < 2) continue;
      write(store.store_id, category.id, 0, absl::StrCat("category/", category.id),
            absl::StrCat(category.url_path, ".html"), absl::StrCat("catalog/category/view/id/", category.id), true, "",
            "");
    }
    for (uint32_t id = 1; id <= catalog.products(); ++id) {
      if ((catalog.WebsitesOf(id) & website) == 0) continue;
      const ProductFacts product = catalog.Product(id);
      if (product.visibility == 1) continue;
      const std::string url_key = store.store_id == 2 && product.german_override
                                      ? absl::StrCat(UrlKey(catalog.LocalName(product, Language::kGerman)), "-", id)
                                      : product.url_key;
      write(store.store_id, 0, id, absl::StrCat("product/", id), absl::StrCat(url_key, ".html"),
            absl::StrCat("catalog/product/view/id/", id), true, "", "");
      for (uint32_t category_id : product.category_ids) {
        const Category& category = catalog.categories()[category_id - 1];
        if (category.root_id != store.root_category_id) continue;
        write(store.store_id, category_id, id, absl::StrCat("product/", id, "/", category_id),
              absl::StrCat(category.url_path, "/", url_key, ".html"),
              absl::StrCat("catalog/product/view/id/", id, "/category/", category_id), true, "", "");
      }
      if (store.store_id == 1 && id % 40 == 0) {
        write(store.store_id, 0, id, absl::StrCat(id, "_", product.created_at), absl::StrCat("alt/", url_key, ".html"),
              absl::StrCat(url_key, ".html"), false, "RP", "Umzug vom alten Shop – \"301\"");
      }
    }
  }
}

}  // namespace

void AddReviewNewsletterUrlTables(const Catalog& catalog, const Customers& customers, uint32_t reviews,
                                  uint32_t guest_subscribers, TableList& tables) {
  tables.push_back({"review_entity", 3, [](RowSink& sink) {
                      sink.Int("entity_id", 1).Text("entity_code", "product").EndRow();
                      sink.Int("entity_id", 2).Text("entity_code", "customer").EndRow();
                      sink.Int("entity_id", 3).Text("entity_code", "category").EndRow();
                    }});
  tables.push_back({"review_status", 3, [](RowSink& sink) {
                      sink.Int("status_id", 1).Text("status_code", "Approved").EndRow();
                      sink.Int("status_id", 2).Text("status_code", "Pending").EndRow();
                      sink.Int("status_id", 3).Text("status_code", "Not Approved").EndRow();
                    }});
  tables.push_back({"review", reviews, [&catalog, &customers, reviews](RowSink& sink) {
                      EmitReviews(catalog, customers, reviews, sink);
                    }});
  tables.push_back({"review_detail", reviews, [&catalog, &customers, reviews](RowSink& sink) {
                      EmitReviewDetails(catalog, customers, reviews, sink);
                    }});
  tables.push_back({"review_store", reviews * 2ULL, [&catalog, &customers, reviews](RowSink& sink) {
                      EmitReviewStores(catalog, customers, reviews, sink);
                    }});
  tables.push_back(
      {"newsletter_subscriber", customers.count() / 3 + guest_subscribers,
       [&customers, guest_subscribers](RowSink& sink) { EmitSubscribers(customers, guest_subscribers, sink); }});
  tables.push_back({"core_url_rewrite", catalog.products() * 11ULL / 2,
                    [&catalog](RowSink& sink) { EmitUrlRewrites(catalog, sink); }});
}

}  // namespace migrate::generator
