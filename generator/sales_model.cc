#include "generator/sales_model.h"

#include <algorithm>
#include <iterator>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "generator/eav_metadata.h"
#include "generator/php_serialize.h"
#include "generator/random.h"

namespace migrate::generator {
namespace {

constexpr absl::string_view kEngravings[] = {"Für \"Oma\" ♥",      "To my dear O'Neil",  "C:\\Users\\Ben",
                                             "お誕生日おめでとう", "Line one\nLine two", "Ça va? – 100%"};

// Magento's Mage_Core_Helper_Data::urlEncode: base64 with "+/=" turned into "-_,".
std::string MagentoUrlEncode(absl::string_view url) {
  std::string encoded = absl::Base64Escape(url);
  for (char& c : encoded) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
    if (c == '=') c = ',';
  }
  return encoded;
}

std::string FormKey(Random& random) {
  constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string key(16, 'x');
  for (char& c : key) c = kAlphabet[random.Below(sizeof(kAlphabet) - 1)];
  return key;
}

// Tax in hundredths of a percent: US sales tax, German VAT, Japanese consumption tax.
int TaxRate(const StoreView& store) {
  if (store.store_id == 2) return 1900;
  if (store.store_id == 3) return 800;
  return 825;
}

int64_t Percent(int64_t cents, int hundredths) { return (cents * hundredths + 5000) / 10000; }

}  // namespace

absl::string_view StateCode(OrderState state) {
  switch (state) {
    case OrderState::kNew:
      return "new";
    case OrderState::kPendingPayment:
      return "pending_payment";
    case OrderState::kProcessing:
      return "processing";
    case OrderState::kComplete:
      return "complete";
    case OrderState::kClosed:
      return "closed";
    case OrderState::kCanceled:
      return "canceled";
    case OrderState::kHolded:
      return "holded";
  }
  return "new";
}

absl::string_view StatusCode(OrderState state) { return state == OrderState::kNew ? "pending" : StateCode(state); }

uint32_t OrderPlan::ItemRows() const {
  uint32_t rows = 0;
  for (const OrderLine& line : lines) rows += line.child_product_id != 0 ? 2 : 1;
  return rows;
}

bool OrderPlan::Invoiced() const {
  return state == OrderState::kProcessing || state == OrderState::kComplete || state == OrderState::kClosed;
}

bool OrderPlan::Shipped() const {
  return !is_virtual && (state == OrderState::kComplete || state == OrderState::kClosed);
}

bool OrderPlan::Refunded() const { return state == OrderState::kClosed; }

std::string OrderFacts::IncrementIdOf(uint32_t document_id) const {
  return absl::StrFormat("%d%08d", plan.store_id, document_id);
}

std::string OrderFacts::FullName(const PersonName& name) { return absl::StrCat(name.first, " ", name.last); }

Sales::Sales(const Catalog& catalog, const Customers& customers, const Scale& scale)
    : catalog_(catalog), customers_(customers), orders_(scale.orders) {
  item_start_.reserve(orders_ + 1);
  invoice_id_.reserve(orders_);
  shipment_id_.reserve(orders_);
  creditmemo_id_.reserve(orders_);
  first_invoice_item_.reserve(orders_);
  first_shipment_item_.reserve(orders_);
  first_creditmemo_item_.reserve(orders_);
  uint32_t next_item = 1, next_invoice_item = 1, next_shipment_item = 1, next_creditmemo_item = 1;
  for (uint32_t id = 1; id <= orders_; ++id) {
    const OrderPlan plan = Plan(id);
    const uint32_t rows = plan.ItemRows();
    item_start_.push_back(next_item);
    next_item += rows;
    invoice_id_.push_back(plan.Invoiced() ? ++invoices_ : 0);
    first_invoice_item_.push_back(next_invoice_item);
    if (plan.Invoiced()) next_invoice_item += rows;
    shipment_id_.push_back(plan.Shipped() ? ++shipments_ : 0);
    first_shipment_item_.push_back(next_shipment_item);
    if (plan.Shipped()) next_shipment_item += rows;
    creditmemo_id_.push_back(plan.Refunded() ? ++creditmemos_ : 0);
    first_creditmemo_item_.push_back(next_creditmemo_item);
    if (plan.Refunded()) next_creditmemo_item += rows;
  }
  item_start_.push_back(next_item);
}

std::vector<OrderLine> Sales::Lines(Random& random, WebsiteMask website, int count) const {
  std::vector<OrderLine> lines;
  lines.reserve(count);
  for (int i = 0; i < count; ++i) {
    OrderLine line;
    line.product_id = catalog_.PickOrderable(random, website);
    if (catalog_.TypeOf(line.product_id) == ProductType::kConfigurable)
      line.child_product_id = catalog_.PickSimple(random);
    line.qty = random.Percent(75) ? 1 : static_cast<int>(random.Between(2, 5));
    line.custom_option = catalog_.TypeOf(line.product_id) == ProductType::kSimple && random.Percent(8);
    lines.push_back(line);
  }
  return lines;
}

OrderPlan Sales::Plan(uint32_t order_id) const {
  Random random = Random::For(seed(), "order_plan", order_id);
  OrderPlan plan;
  if (random.Percent(75) && customers_.count() > 0) {
    plan.customer_id = static_cast<uint32_t>(random.Between(1, customers_.count()));
    const CustomerHome home = customers_.Home(plan.customer_id);
    plan.store_id =
        home.website_id == 2 ? 3 : static_cast<uint16_t>(random.Percent(80) ? home.store_id : 3 - home.store_id);
    plan.group_id = home.group_id;
  } else {
    const uint64_t roll = random.Below(100);
    plan.store_id = roll < 60 ? 1 : roll < 85 ? 2 : 3;
    plan.group_id = kGuestGroup;
  }
  const uint64_t state = random.Below(100);
  plan.state = state < 55   ? OrderState::kComplete
               : state < 70 ? OrderState::kProcessing
               : state < 78 ? OrderState::kNew
               : state < 88 ? OrderState::kCanceled
               : state < 95 ? OrderState::kClosed
               : state < 98 ? OrderState::kHolded
                            : OrderState::kPendingPayment;
  const uint64_t size = random.Below(100);
  const int count = size < 35   ? 1
                    : size < 60 ? 2
                    : size < 80 ? 3
                    : size < 90 ? 4
                                : static_cast<int>(random.Between(5, 6));
  const WebsiteMask website = StoreViewById(plan.store_id).website_id == 2 ? kJapanWebsite : kMainWebsite;
  plan.lines = Lines(random, website, count);
  plan.is_virtual = std::all_of(plan.lines.begin(), plan.lines.end(), [this](const OrderLine& line) {
    return !IsShippable(catalog_.TypeOf(line.product_id));
  });
  return plan;
}

std::vector<OrderItemFacts> Sales::Items(const std::vector<OrderLine>& lines, uint32_t first_item_id,
                                         const StoreView& store, bool discounted, uint64_t buy_request_seed) const {
  static const uint16_t kColorAttribute = AttributeId(kProductEntity, "color", "int");
  Random random = Random::For(seed(), "buy_request", buy_request_seed);
  const std::string form_key = FormKey(random);
  const int tax_rate = TaxRate(store);
  std::vector<OrderItemFacts> items;
  uint32_t item_id = first_item_id;
  for (const OrderLine& line : lines) {
    const ProductFacts product = catalog_.Product(line.product_id);
    OrderItemFacts item;
    item.item_id = item_id++;
    item.product_id = product.id;
    item.type = product.type;
    item.name = catalog_.LocalName(product, store.language);
    item.sku = product.sku;
    item.qty = line.qty;
    item.original_price_cents = product.price_cents;
    item.price_cents = product.special_price_cents != 0 ? product.special_price_cents : product.price_cents;
    item.row_total_cents = item.price_cents * line.qty;
    item.discount_cents = discounted ? Percent(item.row_total_cents, 1000) : 0;
    item.tax_percent_hundredths = tax_rate;
    item.tax_cents = Percent(item.row_total_cents - item.discount_cents, tax_rate);
    item.weight = product.weight;

    ProductFacts child;
    if (line.child_product_id != 0) {
      child = catalog_.Product(line.child_product_id);
      item.sku = child.sku;
      item.weight = child.weight;
      PhpSerializer super_attributes;
      super_attributes.BeginArray(1)
          .Int(kColorAttribute)
          .String(absl::StrCat(child.color_option != 0 ? child.color_option : 9))
          .EndArray();
      item.super_attributes = super_attributes.Take();
    }
    if (line.custom_option) item.custom_option_text = std::string(kEngravings[random.Below(std::size(kEngravings))]);

    // info_buyRequest, as the product page posted it.
    PhpSerializer buy_request;
    const int entries = 4 + (line.child_product_id != 0 ? 1 : 0) + (line.custom_option ? 1 : 0);
    buy_request.BeginArray(entries)
        .String("uenc")
        .String(MagentoUrlEncode(absl::StrCat("http://shop.example.com/", product.url_key, ".html")))
        .String("product")
        .String(absl::StrCat(product.id))
        .String("form_key")
        .String(form_key)
        .String("qty")
        .Int(line.qty);
    if (line.child_product_id != 0) {
      buy_request.String("super_attribute")
          .BeginArray(1)
          .Int(kColorAttribute)
          .String(absl::StrCat(child.color_option != 0 ? child.color_option : 9))
          .EndArray();
    }
    if (line.custom_option)
      buy_request.String("options").BeginArray(1).Int(1).String(item.custom_option_text).EndArray();
    buy_request.EndArray();
    item.buy_request = buy_request.Take();

    PhpSerializer options;
    const int option_entries = 1 + (line.child_product_id != 0 ? 3 : 0) + (line.custom_option ? 1 : 0);
    options.BeginArray(option_entries).String("info_buyRequest");
    // The nested array is the buy request itself: splice its text in.
    std::string product_options = options.Take();
    product_options += item.buy_request;
    PhpSerializer rest;
    if (line.child_product_id != 0) {
      rest.String("attributes_info")
          .BeginArray(1)
          .Int(0)
          .BeginArray(2)
          .String("label")
          .String("Color")
          .String("value")
          .String(child.color_option != 0 ? "Black" : "Weiß")
          .EndArray()
          .EndArray();
      rest.String("simple_name").String(child.name).String("simple_sku").String(child.sku);
    }
    if (line.custom_option) {
      rest.String("options")
          .BeginArray(1)
          .Int(0)
          .BeginArray(7)
          .String("label")
          .String("Engraving / Gravur")
          .String("value")
          .String(item.custom_option_text)
          .String("print_value")
          .String(item.custom_option_text)
          .String("option_id")
          .String("1")
          .String("option_type")
          .String("field")
          .String("option_value")
          .String(item.custom_option_text)
          .String("custom_view")
          .Bool(false)
          .EndArray()
          .EndArray();
    }
    rest.EndArray();
    item.product_options = product_options + rest.Take();
    items.push_back(item);

    if (line.child_product_id != 0) {
      OrderItemFacts child_item;
      child_item.item_id = item_id++;
      child_item.parent_item_id = item.item_id;
      child_item.product_id = child.id;
      child_item.type = ProductType::kSimple;
      child_item.name = catalog_.LocalName(child, store.language);
      child_item.sku = child.sku;
      child_item.qty = line.qty;
      child_item.original_price_cents = child.price_cents;
      child_item.weight = child.weight;
      PhpSerializer child_request;
      child_request.BeginArray(1).String("info_buyRequest");
      child_item.product_options = child_request.Take() + item.buy_request + "}";
      child_item.buy_request = item.buy_request;
      items.push_back(child_item);
    }
  }
  return items;
}

OrderParty Sales::Party(Random& random, const CustomerFacts* customer, bool billing) const {
  OrderParty party;
  if (customer != nullptr && customer->address_count > 0 && random.Percent(85)) {
    const uint32_t index = billing ? customer->default_billing - customer->first_address_id
                                   : customer->default_shipping - customer->first_address_id;
    const CustomerAddressFacts address = customers_.Address(*customer, index);
    party.name = address.name;
    party.address = address.address;
    party.customer_address_id = address.id;
    return party;
  }
  party.name = customer != nullptr ? customer->name : Person(random);
  party.address = Address(random);
  return party;
}

OrderFacts Sales::Order(uint32_t order_id, int detail) const {
  OrderFacts order;
  order.id = order_id;
  order.plan = Plan(order_id);
  order.store = &StoreViewById(order.plan.store_id);
  order.increment_id = order.IncrementIdOf(order_id);
  Random random = Random::For(seed(), "order", order_id);
  order.created_at = kShopOpened + 60 * 86400 +
                     static_cast<int64_t>(order_id) * (kFourYears - 60 * 86400) / (orders_ + 1) +
                     random.Between(0, 1800);
  order.updated_at = order.created_at + (order.plan.state == OrderState::kNew ? 0 : random.Between(600, 20 * 86400));
  order.quote_id = order_id % 5 == 0 ? 0 : order_id;
  order.first_item_id = item_start_[order_id - 1];
  order.invoice_id = invoice_id_[order_id - 1];
  order.shipment_id = shipment_id_[order_id - 1];
  order.creditmemo_id = creditmemo_id_[order_id - 1];
  order.first_invoice_item_id = first_invoice_item_[order_id - 1];
  order.first_shipment_item_id = first_shipment_item_[order_id - 1];
  order.first_creditmemo_item_id = first_creditmemo_item_[order_id - 1];
  const bool discounted = random.Percent(10);
  if (discounted) order.coupon_code = random.Percent(50) ? "SUMMER10" : "Wiedersehen-10%";
  constexpr absl::string_view kPaymentMethods[] = {
      "checkmo",        "checkmo",        "checkmo",        "ccsave",       "paypal_express",
      "paypal_express", "paypal_express", "paypal_express", "banktransfer", "cashondelivery"};
  order.payment_method = std::string(kPaymentMethods[random.Below(std::size(kPaymentMethods))]);
  order.remote_ip = random.Percent(85) ? absl::StrCat("192.168.", random.Below(256), ".", random.Below(256))
                                       : absl::StrCat("2001:db8::", random.Below(65536));
  if (random.Percent(5)) order.customer_note = "Bitte beim Nachbarn abgeben!\nDanke – \"Hausnr. 5\"";

  if (detail & kWithParties) {
    Random parties = Random::For(seed(), "order_parties", order_id);
    CustomerFacts customer;
    if (order.plan.customer_id != 0) {
      customer = customers_.Customer(order.plan.customer_id);
      order.customer_name = customer.name;
      order.email = customer.email;
      order.gender = customer.gender;
      order.dob = customer.dob;
    } else {
      order.customer_name = Person(parties);
      order.email = Email(order.customer_name, 10000000 + order_id, parties);
    }
    const CustomerFacts* known = order.plan.customer_id != 0 ? &customer : nullptr;
    order.billing = Party(parties, known, true);
    if (!order.plan.is_virtual) order.shipping = parties.Percent(70) ? order.billing : Party(parties, known, false);
  }
  if (detail & kWithItems) {
    order.items = Items(order.plan.lines, order.first_item_id, *order.store, discounted, order_id);
    for (const OrderItemFacts& item : order.items) {
      order.subtotal_cents += item.row_total_cents;
      order.discount_cents += item.discount_cents;
      order.tax_cents += item.tax_cents;
      if (item.parent_item_id == 0) order.total_qty += item.qty;
      if (item.parent_item_id == 0) order.weight += item.weight * item.qty;
    }
    if (!order.plan.is_virtual) {
      const uint64_t carrier = random.Below(100);
      if (carrier < 60) {
        order.shipping_method = "flatrate_flatrate";
        order.shipping_description = "Flat Rate - Fixed";
        order.shipping_cents = 500LL * order.total_qty;
      } else if (carrier < 85) {
        order.shipping_method = "tablerate_bestway";
        order.shipping_description = "Best Way - Table Rate";
        order.shipping_cents = 995;
      } else {
        order.shipping_method = "freeshipping_freeshipping";
        order.shipping_description = "Free Shipping - Free";
      }
    }
    order.grand_total_cents = order.subtotal_cents - order.discount_cents + order.shipping_cents + order.tax_cents;
  }
  return order;
}

}  // namespace migrate::generator
