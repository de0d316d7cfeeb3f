#include "generator/quotes.h"

#include <algorithm>
#include <functional>
#include <string>

#include "absl/strings/str_cat.h"
#include "generator/php_serialize.h"
#include "generator/random.h"

namespace migrate::generator {
namespace {

// A quote as the quote tables need it, converted from an order or abandoned.
struct Cart {
  uint32_t id = 0;
  bool converted = false;
  OrderFacts order;  // for an abandoned cart: its plan, parties, items and totals, with no order behind it
};

// Calls `visit` with every cart in id order; `detail` as for Sales::Order().
void ForEachCart(const Sales& sales, uint32_t abandoned_quotes, int detail,
                 const std::function<void(const Cart&)>& visit) {
  for (uint32_t order_id = 1; order_id <= sales.orders(); ++order_id) {
    if (order_id % 5 == 0) continue;
    Cart cart;
    cart.id = order_id;
    cart.converted = true;
    cart.order = sales.Order(order_id, detail);
    visit(cart);
  }
  uint32_t next_item_id = sales.order_items() + 1;
  for (uint32_t index = 1; index <= abandoned_quotes; ++index) {
    Cart cart;
    cart.id = sales.orders() + index;
    Random random = Random::For(sales.seed(), "abandoned_cart", cart.id);
    OrderFacts& order = cart.order;
    order.id = cart.id;
    if (random.Percent(60) && sales.customers().count() > 0) {
      order.plan.customer_id = static_cast<uint32_t>(random.Between(1, sales.customers().count()));
      const CustomerHome home = sales.customers().Home(order.plan.customer_id);
      order.plan.store_id = home.store_id;
      order.plan.group_id = home.group_id;
    } else {
      order.plan.store_id = random.Percent(70) ? 1 : 2;
    }
    order.store = &StoreViewById(order.plan.store_id);
    const WebsiteMask website = order.store->website_id == 2 ? kJapanWebsite : kMainWebsite;
    order.plan.lines = sales.Lines(random, website, static_cast<int>(random.Between(1, 3)));
    order.plan.is_virtual =
        std::none_of(order.plan.lines.begin(), order.plan.lines.end(),
                     [&sales](const OrderLine& line) { return IsShippable(sales.catalog().TypeOf(line.product_id)); });
    order.created_at = kShopOpened + kFourYears - random.Between(1, 90) * 86400 - random.Between(0, 86399);
    order.updated_at = random.Percent(30) ? 0 : order.created_at + random.Between(60, 7200);
    order.payment_method = random.Percent(50) ? "checkmo" : "";
    order.remote_ip = absl::StrCat("10.", random.Below(256), ".", random.Below(256), ".", random.Below(256));
    if (detail & kWithParties) {
      Random parties = Random::For(sales.seed(), "abandoned_cart_parties", cart.id);
      CustomerFacts customer;
      if (order.plan.customer_id != 0) {
        customer = sales.customers().Customer(order.plan.customer_id);
        order.customer_name = customer.name;
        order.email = customer.email;
      } else if (parties.Percent(50)) {
        order.customer_name = Person(parties);
        order.email = Email(order.customer_name, 20000000 + cart.id, parties);
      }
      const CustomerFacts* known = order.plan.customer_id != 0 ? &customer : nullptr;
      order.billing = sales.Party(parties, known, true);
      order.shipping = sales.Party(parties, known, false);
    }
    order.items = sales.Items(order.plan.lines, next_item_id, *order.store, false, cart.id);
    next_item_id += static_cast<uint32_t>(order.items.size());
    for (const OrderItemFacts& item : order.items) {
      order.subtotal_cents += item.row_total_cents;
      order.tax_cents += item.tax_cents;
      if (item.parent_item_id == 0) order.total_qty += item.qty;
      if (item.parent_item_id == 0) order.weight += item.weight * item.qty;
    }
    order.grand_total_cents = order.subtotal_cents + order.tax_cents;
    visit(cart);
  }
}

int64_t QuoteCreatedAt(const Cart& cart) {
  return cart.converted ? cart.order.created_at - 600 - cart.order.id % 3000 : cart.order.created_at;
}

void UpdatedAt(RowSink& sink, const Cart& cart) {
  if (cart.converted) {
    sink.DateTime("updated_at", cart.order.created_at);
  } else if (cart.order.updated_at == 0) {
    sink.ZeroDateTime("updated_at");
  } else {
    sink.DateTime("updated_at", cart.order.updated_at);
  }
}

void TextIf(RowSink& sink, const char* column, absl::string_view value) {
  if (value.empty()) {
    sink.Null(column);
  } else {
    sink.Text(column, value);
  }
}

void EmitQuotes(const Sales& sales, uint32_t abandoned, RowSink& sink) {
  ForEachCart(sales, abandoned, kWithEverything, [&sink](const Cart& cart) {
    const OrderFacts& order = cart.order;
    const bool guest = order.plan.customer_id == 0;
    sink.Int("entity_id", cart.id).Int("store_id", order.plan.store_id).DateTime("created_at", QuoteCreatedAt(cart));
    UpdatedAt(sink, cart);
    if (cart.converted) {
      sink.DateTime("converted_at", order.created_at);
    } else {
      sink.Null("converted_at");
    }
    sink.Int("is_active", cart.converted ? 0 : 1)
        .Int("is_virtual", order.plan.is_virtual ? 1 : 0)
        .Int("is_multi_shipping", 0);
    sink.Int("items_count", static_cast<int64_t>(order.plan.lines.size()))
        .Decimal4("items_qty", order.total_qty * 10000LL);
    sink.Int("orig_order_id", 0).Decimal4("store_to_base_rate", 10000).Decimal4("store_to_quote_rate", 10000);
    sink.Decimal4("base_to_global_rate", 10000).Decimal4("base_to_quote_rate", 10000);
    sink.Text("global_currency_code", "USD").Text("base_currency_code", order.store->currency);
    sink.Text("store_currency_code", order.store->currency).Text("quote_currency_code", order.store->currency);
    sink.Money("grand_total", order.grand_total_cents).Money("base_grand_total", order.grand_total_cents);
    TextIf(sink, "checkout_method", cart.converted ? (guest ? "guest" : "customer") : "");
    if (guest) {
      sink.Null("customer_id");
    } else {
      sink.Int("customer_id", order.plan.customer_id);
    }
    sink.Int("customer_tax_class_id", 3).Int("customer_group_id", order.plan.group_id);
    TextIf(sink, "customer_email", order.email);
    TextIf(sink, "customer_prefix", order.customer_name.prefix);
    TextIf(sink, "customer_firstname", order.customer_name.first);
    TextIf(sink, "customer_middlename", order.customer_name.middle.substr(0, 40));
    TextIf(sink, "customer_lastname", order.customer_name.last);
    sink.Null("customer_suffix");
    if (order.dob != 0) {
      sink.DateTime("customer_dob", order.dob);
    } else {
      sink.Null("customer_dob");
    }
    TextIf(sink, "customer_note", order.customer_note);
    sink.Int("customer_note_notify", 1)
        .Int("customer_is_guest", guest && cart.converted ? 1 : 0)
        .Null("customer_taxvat");
    sink.Text("remote_ip", order.remote_ip).Null("applied_rule_ids");
    TextIf(sink, "reserved_order_id", cart.converted ? order.increment_id : "");
    sink.Null("password_hash");
    TextIf(sink, "coupon_code", order.coupon_code);
    sink.Money("subtotal", order.subtotal_cents).Money("base_subtotal", order.subtotal_cents);
    sink.Money("subtotal_with_discount", order.subtotal_cents - order.discount_cents);
    sink.Money("base_subtotal_with_discount", order.subtotal_cents - order.discount_cents);
    sink.Null("gift_message_id").Int("is_changed", 1).Int("trigger_recollect", 0).Null("ext_shipping_info");
    if (order.gender != 0) {
      sink.Text("customer_gender", absl::StrCat(order.gender));
    } else {
      sink.Null("customer_gender");
    }
    sink.Int("is_persistent", 0).EndRow();
  });
}

void EmitQuoteItems(const Sales& sales, uint32_t abandoned, RowSink& sink) {
  ForEachCart(sales, abandoned, kWithItems, [&sink](const Cart& cart) {
    const OrderFacts& order = cart.order;
    for (const OrderItemFacts& item : order.items) {
      sink.Int("item_id", item.item_id).Int("quote_id", cart.id).DateTime("created_at", QuoteCreatedAt(cart));
      UpdatedAt(sink, cart);
      sink.Int("product_id", item.product_id).Int("store_id", order.plan.store_id);
      if (item.parent_item_id == 0) {
        sink.Null("parent_item_id");
      } else {
        sink.Int("parent_item_id", item.parent_item_id);
      }
      sink.Int("is_virtual", IsShippable(item.type) ? 0 : 1).Text("sku", item.sku).Text("name", item.name);
      sink.Null("description");
      TextIf(sink, "applied_rule_ids", item.discount_cents != 0 ? "1,3" : "");
      sink.Null("additional_data").Int("free_shipping", 0).Int("is_qty_decimal", 0).Int("no_discount", 0);
      sink.Decimal4("weight", item.weight).Decimal4("qty", item.qty * 10000LL);
      sink.Money("price", item.price_cents).Money("base_price", item.price_cents).Null("custom_price");
      sink.Decimal4("discount_percent", item.discount_cents != 0 ? 100000 : 0);
      sink.Money("discount_amount", item.discount_cents).Money("base_discount_amount", item.discount_cents);
      sink.Decimal4("tax_percent", item.tax_percent_hundredths * 100LL);
      sink.Money("tax_amount", item.tax_cents).Money("base_tax_amount", item.tax_cents);
      sink.Money("row_total", item.row_total_cents).Money("base_row_total", item.row_total_cents);
      sink.Money("row_total_with_discount", item.row_total_cents - item.discount_cents);
      sink.Decimal4("row_weight", item.weight * item.qty).Text("product_type", TypeId(item.type));
      sink.Null("base_tax_before_discount").Null("tax_before_discount").Null("original_custom_price");
      sink.Null("gift_message_id").Text("weee_tax_applied", "a:0:{}");
      sink.Money("weee_tax_applied_amount", 0).Money("weee_tax_applied_row_amount", 0);
      sink.Money("base_weee_tax_applied_amount", 0).Money("base_weee_tax_applied_row_amnt", 0);
      sink.Money("weee_tax_disposition", 0).Money("weee_tax_row_disposition", 0);
      sink.Money("base_weee_tax_disposition", 0).Money("base_weee_tax_row_disposition", 0);
      sink.Null("redirect_url").Null("base_cost");
      const int64_t unit_incl_tax = item.qty == 0 ? 0 : item.price_cents + item.tax_cents / item.qty;
      sink.Money("price_incl_tax", unit_incl_tax).Money("base_price_incl_tax", unit_incl_tax);
      sink.Money("row_total_incl_tax", item.row_total_cents + item.tax_cents);
      sink.Money("base_row_total_incl_tax", item.row_total_cents + item.tax_cents);
      sink.Money("hidden_tax_amount", 0).Money("base_hidden_tax_amount", 0).EndRow();
    }
  });
}

void EmitQuoteItemOptions(const Sales& sales, uint32_t abandoned, RowSink& sink) {
  int64_t option_id = 0;
  ForEachCart(sales, abandoned, kWithItems, [&](const Cart& cart) {
    const std::vector<OrderItemFacts>& items = cart.order.items;
    for (size_t i = 0; i < items.size(); ++i) {
      const OrderItemFacts& item = items[i];
      auto option = [&](uint32_t product_id, absl::string_view code, absl::string_view value) {
        sink.Int("option_id", ++option_id).Int("item_id", item.item_id).Int("product_id", product_id);
        sink.Text("code", code).Text("value", value).EndRow();
      };
      option(item.product_id, "info_buyRequest", item.buy_request);
      if (!item.super_attributes.empty() && i + 1 < items.size()) {
        const uint32_t child_id = items[i + 1].product_id;
        option(item.product_id, "attributes", item.super_attributes);
        option(child_id, absl::StrCat("product_qty_", child_id), "1");
        option(child_id, "simple_product", absl::StrCat(child_id));
      }
      if (!item.custom_option_text.empty()) {
        option(item.product_id, "option_ids", "1");
        option(item.product_id, "option_1", item.custom_option_text);
      }
    }
  });
}

void WriteQuoteAddress(RowSink& sink, const Cart& cart, uint32_t address_id, const OrderParty& party, bool billing) {
  const OrderFacts& order = cart.order;
  const bool totals = !billing || order.plan.is_virtual;
  sink.Int("address_id", address_id).Int("quote_id", cart.id).DateTime("created_at", QuoteCreatedAt(cart));
  UpdatedAt(sink, cart);
  if (order.plan.customer_id == 0) {
    sink.Null("customer_id");
  } else {
    sink.Int("customer_id", order.plan.customer_id);
  }
  sink.Int("save_in_address_book", party.customer_address_id == 0 && order.plan.customer_id != 0 ? 1 : 0);
  if (party.customer_address_id == 0) {
    sink.Null("customer_address_id");
  } else {
    sink.Int("customer_address_id", party.customer_address_id);
  }
  sink.Text("address_type", billing ? "billing" : "shipping");
  TextIf(sink, "email", order.email);
  TextIf(sink, "prefix", party.name.prefix);
  TextIf(sink, "firstname", party.name.first);
  TextIf(sink, "middlename", party.name.middle);
  TextIf(sink, "lastname", party.name.last);
  sink.Null("suffix");
  TextIf(sink, "company", party.address.company);
  TextIf(sink, "street", party.address.street);
  TextIf(sink, "city", party.address.city);
  TextIf(sink, "region", party.address.region);
  if (party.address.region_id == 0) {
    sink.Null("region_id");
  } else {
    sink.Int("region_id", party.address.region_id);
  }
  TextIf(sink, "postcode", party.address.postcode);
  TextIf(sink, "country_id", party.address.country_id);
  TextIf(sink, "telephone", party.address.telephone);
  sink.Null("fax").Int("same_as_billing", billing ? 0 : 1).Int("free_shipping", 0);
  sink.Int("collect_shipping_rates", billing ? 0 : 1);
  TextIf(sink, "shipping_method", billing ? "" : order.shipping_method);
  TextIf(sink, "shipping_description", billing ? "" : order.shipping_description);
  sink.Decimal4("weight", totals ? order.weight : 0);
  const int64_t subtotal = totals ? order.subtotal_cents : 0;
  const int64_t discounted = totals ? order.subtotal_cents - order.discount_cents : 0;
  const int64_t tax = totals ? order.tax_cents : 0;
  const int64_t shipping = totals ? order.shipping_cents : 0;
  sink.Money("subtotal", subtotal).Money("base_subtotal", subtotal);
  sink.Money("subtotal_with_discount", discounted).Money("base_subtotal_with_discount", discounted);
  sink.Money("tax_amount", tax).Money("base_tax_amount", tax);
  sink.Money("shipping_amount", shipping).Money("base_shipping_amount", shipping);
  sink.Money("shipping_tax_amount", 0).Money("base_shipping_tax_amount", 0);
  sink.Money("discount_amount", totals ? -order.discount_cents : 0)
      .Money("base_discount_amount", totals ? -order.discount_cents : 0);
  sink.Money("grand_total", totals ? order.grand_total_cents : 0)
      .Money("base_grand_total", totals ? order.grand_total_cents : 0);
  TextIf(sink, "customer_notes", billing ? "" : order.customer_note);
  if (totals && tax != 0) {
    PhpSerializer taxes;
    const std::string code = absl::StrCat(order.store->code, "-Rate 1");
    taxes.BeginArray(1)
        .String(code)
        .BeginArray(4)
        .String("amount")
        .Price(tax)
        .String("base_amount")
        .Price(tax)
        .String("percent")
        .Price(order.items.empty() ? 0 : order.items.front().tax_percent_hundredths)
        .String("id")
        .String(code)
        .EndArray()
        .EndArray();
    sink.Text("applied_taxes", taxes.Take());
  } else {
    sink.Text("applied_taxes", "a:0:{}");
  }
  sink.Null("gift_message_id").Money("shipping_discount_amount", 0).Money("base_shipping_discount_amount", 0);
  sink.Money("subtotal_incl_tax", subtotal + tax).Null("base_subtotal_total_incl_tax");
  TextIf(sink, "discount_description", totals ? order.coupon_code : "");
  sink.Money("hidden_tax_amount", 0).Money("base_hidden_tax_amount", 0);
  sink.Money("shipping_hidden_tax_amount", 0).Money("base_shipping_hidden_tax_amnt", 0);
  sink.Money("shipping_incl_tax", shipping).Money("base_shipping_incl_tax", shipping);
  sink.Null("vat_id").Null("vat_is_valid").Null("vat_request_id").Null("vat_request_date").Null("vat_request_success");
  sink.EndRow();
}

void EmitQuoteAddresses(const Sales& sales, uint32_t abandoned, RowSink& sink) {
  ForEachCart(sales, abandoned, kWithEverything, [&sink](const Cart& cart) {
    WriteQuoteAddress(sink, cart, cart.id * 2 - 1, cart.order.billing, true);
    WriteQuoteAddress(sink, cart, cart.id * 2, cart.order.plan.is_virtual ? cart.order.billing : cart.order.shipping,
                      false);
  });
}

void EmitQuotePayments(const Sales& sales, uint32_t abandoned, RowSink& sink) {
  ForEachCart(sales, abandoned, 0, [&](const Cart& cart) {
    const OrderFacts& order = cart.order;
    sink.Int("payment_id", cart.id).Int("quote_id", cart.id).DateTime("created_at", QuoteCreatedAt(cart));
    UpdatedAt(sink, cart);
    TextIf(sink, "method", order.payment_method);
    const bool card = order.payment_method == "ccsave";
    Random random = Random::For(sales.seed(), "quote_payment", cart.id);
    if (card) {
      sink.Text("cc_type", "VI").Text("cc_number_enc", absl::StrCat(Hex32(random), "=="));
      sink.Text("cc_last4", absl::StrCat(random.Between(1000, 9999))).Null("cc_cid_enc");
      sink.Text("cc_owner", absl::StrCat("Card Holder ", cart.id)).Int("cc_exp_month", random.Between(1, 12));
      sink.Int("cc_exp_year", random.Between(2015, 2021));
    } else {
      sink.Null("cc_type").Null("cc_number_enc").Null("cc_last4").Null("cc_cid_enc").Null("cc_owner");
      sink.Int("cc_exp_month", 0).Int("cc_exp_year", 0);
    }
    sink.Null("cc_ss_owner").Int("cc_ss_start_month", 0).Int("cc_ss_start_year", 0).Text("cybersource_token", "");
    if (order.payment_method == "paypal_express") {
      sink.Text("paypal_correlation_id", Hex32(random).substr(0, 13))
          .Text("paypal_payer_id", Hex32(random).substr(0, 13));
      sink.Text("paypal_payer_status", "verified");
    } else {
      sink.Null("paypal_correlation_id").Null("paypal_payer_id").Null("paypal_payer_status");
    }
    sink.Null("po_number");
    if (order.payment_method == "paypal_express") {
      PhpSerializer information;
      information.BeginArray(2)
          .String("paypal_payer_status")
          .String("verified")
          .String("paypal_express_checkout_token")
          .String(absl::StrCat("EC-", Hex32(random).substr(0, 17)))
          .EndArray();
      sink.Text("additional_information", information.Take());
    } else {
      sink.Null("additional_information");
    }
    sink.Null("additional_data").Null("cc_ss_issue").EndRow();
  });
}

}  // namespace

void AddQuoteTables(const Sales& sales, uint32_t abandoned_quotes, TableList& tables) {
  const uint64_t quotes = sales.orders() * 4ULL / 5 + abandoned_quotes;
  const uint64_t items = sales.order_items() * 4ULL / 5 + abandoned_quotes * 2ULL;
  auto add = [&](const char* name, uint64_t rows, void (*emit)(const Sales&, uint32_t, RowSink&)) {
    tables.push_back(
        {name, rows, [&sales, abandoned_quotes, emit](RowSink& sink) { emit(sales, abandoned_quotes, sink); }});
  };
  add("sales_flat_quote", quotes, EmitQuotes);
  add("sales_flat_quote_item", items, EmitQuoteItems);
  add("sales_flat_quote_item_option", items * 13 / 10, EmitQuoteItemOptions);
  add("sales_flat_quote_address", quotes * 2, EmitQuoteAddresses);
  add("sales_flat_quote_payment", quotes, EmitQuotePayments);
}

}  // namespace migrate::generator
