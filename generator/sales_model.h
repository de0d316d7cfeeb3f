// Orders and what follows them (invoices, shipments, credit memos) as facts.
//
// An order's plan (customer, store, state, product lines) is cheap and drawn from the order's own
// random stream; an index built once over all plans numbers the order items, invoices, shipments,
// credit memos and their items contiguously. Order() then builds the full facts (names, addresses,
// items with PHP-serialized product options, totals) on demand, as each table needs them.
#ifndef MIGRATE_SCRIPTS_GENERATOR_SALES_MODEL_H_
#define MIGRATE_SCRIPTS_GENERATOR_SALES_MODEL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "generator/catalog_model.h"
#include "generator/customers.h"
#include "generator/scale.h"
#include "generator/stores.h"
#include "generator/text.h"

namespace migrate::generator {

enum class OrderState : uint8_t { kNew, kPendingPayment, kProcessing, kComplete, kClosed, kCanceled, kHolded };

absl::string_view StateCode(OrderState state);
absl::string_view StatusCode(OrderState state);

// One product a customer put in the cart: a configurable line also ships a simple child.
struct OrderLine {
  uint32_t product_id = 0;
  uint32_t child_product_id = 0;  // 0 unless configurable
  int qty = 1;
  bool custom_option = false;  // an engraving text, a custom option
};

struct OrderItemFacts {
  uint32_t item_id = 0;
  uint32_t parent_item_id = 0;  // 0: none
  uint32_t product_id = 0;
  ProductType type = ProductType::kSimple;
  std::string sku;
  std::string name;
  int qty = 1;
  int64_t price_cents = 0;  // unit price; 0 for a configurable's child row
  int64_t original_price_cents = 0;
  int64_t row_total_cents = 0;
  int64_t discount_cents = 0;
  int64_t tax_cents = 0;
  int tax_percent_hundredths = 0;  // 1900 = 19 %
  int64_t weight = 0;              // kg in ten-thousandths, per unit
  std::string product_options;     // PHP-serialized, as sales_flat_order_item holds it
  std::string buy_request;         // PHP-serialized info_buyRequest, as quote item options hold it
  std::string super_attributes;    // PHP-serialized attribute => option ids; empty unless configurable
  std::string custom_option_text;  // empty unless the line has a custom option
};

struct OrderParty {
  PersonName name;
  PostalAddress address;
  uint32_t customer_address_id = 0;  // 0: typed in at checkout
};

struct OrderPlan {
  uint32_t customer_id = 0;  // 0: guest
  uint16_t store_id = 1;
  uint16_t group_id = 0;
  OrderState state = OrderState::kNew;
  bool is_virtual = false;
  std::vector<OrderLine> lines;

  // Rows in sales_flat_order_item: one per line, two per configurable line.
  uint32_t ItemRows() const;
  bool Invoiced() const;
  bool Shipped() const;
  bool Refunded() const;
};

struct OrderFacts {
  uint32_t id = 0;
  OrderPlan plan;
  std::string increment_id;
  const StoreView* store = nullptr;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  uint32_t quote_id = 0;  // 0: the quote was cleaned up

  // With kWithParties:
  PersonName customer_name;
  std::string email;
  int gender = 0;
  int64_t dob = 0;
  OrderParty billing;
  OrderParty shipping;  // empty for virtual orders

  // With kWithItems:
  std::vector<OrderItemFacts> items;
  int64_t subtotal_cents = 0;
  int64_t discount_cents = 0;
  int64_t shipping_cents = 0;
  int64_t tax_cents = 0;
  int64_t grand_total_cents = 0;
  int total_qty = 0;
  int64_t weight = 0;

  std::string coupon_code;  // empty: none
  std::string payment_method;
  std::string shipping_method;       // empty for virtual orders
  std::string shipping_description;  // empty for virtual orders
  std::string remote_ip;
  std::string customer_note;  // empty: none

  // Ids of what followed (0: none) and of their first item rows.
  uint32_t first_item_id = 0;
  uint32_t invoice_id = 0;
  uint32_t shipment_id = 0;
  uint32_t creditmemo_id = 0;
  uint32_t first_invoice_item_id = 0;
  uint32_t first_shipment_item_id = 0;
  uint32_t first_creditmemo_item_id = 0;

  // "100000042": store id, then the id padded to eight digits, as Magento numbers per store.
  std::string IncrementIdOf(uint32_t document_id) const;
  // "Firstname Lastname" of an address, as the grids show it.
  static std::string FullName(const PersonName& name);
};

enum OrderDetail : int { kWithParties = 1, kWithItems = 2, kWithEverything = 3 };

class Sales {
 public:
  Sales(const Catalog& catalog, const Customers& customers, const Scale& scale);

  const Catalog& catalog() const { return catalog_; }
  const Customers& customers() const { return customers_; }
  uint64_t seed() const { return catalog_.seed(); }
  uint32_t orders() const { return orders_; }
  uint32_t order_items() const { return item_start_.back() - 1; }
  uint32_t invoices() const { return invoices_; }
  uint32_t shipments() const { return shipments_; }
  uint32_t creditmemos() const { return creditmemos_; }

  // Whether an order has an invoice, a shipment, a credit memo: cheap, from the index.
  bool HasInvoice(uint32_t order_id) const { return invoice_id_[order_id - 1] != 0; }
  bool HasShipment(uint32_t order_id) const { return shipment_id_[order_id - 1] != 0; }
  bool HasCreditmemo(uint32_t order_id) const { return creditmemo_id_[order_id - 1] != 0; }

  OrderPlan Plan(uint32_t order_id) const;
  OrderFacts Order(uint32_t order_id, int detail) const;

  // Lines of a cart in `website` (also used for abandoned carts).
  std::vector<OrderLine> Lines(Random& random, WebsiteMask website, int count) const;
  // Item facts of lines, numbered from first_item_id, priced for a store view.
  std::vector<OrderItemFacts> Items(const std::vector<OrderLine>& lines, uint32_t first_item_id, const StoreView& store,
                                    bool discounted, uint64_t buy_request_seed) const;
  // A billing or shipping party of a cart: one of the customer's saved addresses, or one typed in
  // at checkout (always for guests, whose `customer` is null).
  OrderParty Party(Random& random, const CustomerFacts* customer, bool billing) const;

 private:
  const Catalog& catalog_;
  const Customers& customers_;
  uint32_t orders_;
  uint32_t invoices_ = 0;
  uint32_t shipments_ = 0;
  uint32_t creditmemos_ = 0;
  // Per order (index order_id - 1): its first item id; one more entry, one past the last item.
  std::vector<uint32_t> item_start_;
  std::vector<uint32_t> invoice_id_;
  std::vector<uint32_t> shipment_id_;
  std::vector<uint32_t> creditmemo_id_;
  std::vector<uint32_t> first_invoice_item_;
  std::vector<uint32_t> first_shipment_item_;
  std::vector<uint32_t> first_creditmemo_item_;
};

}  // namespace migrate::generator

#endif  // MIGRATE_SCRIPTS_GENERATOR_SALES_MODEL_H_
