#include "generator/sales_tables.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "absl/strings/str_cat.h"
#include "generator/php_serialize.h"
#include "generator/random.h"

namespace migrate::generator {
namespace {

void MoneyIf(RowSink& sink, const char* column, bool present, int64_t cents) {
  if (present) {
    sink.Money(column, cents);
  } else {
    sink.Null(column);
  }
}

void TextIf(RowSink& sink, const char* column, absl::string_view value) {
  if (value.empty()) {
    sink.Null(column);
  } else {
    sink.Text(column, value);
  }
}

void IdOrNull(RowSink& sink, const char* column, uint32_t id) {
  if (id == 0) {
    sink.Null(column);
  } else {
    sink.Int(column, id);
  }
}

// sales_flat_order.store_name: website, store group and store view, one per line.
std::string StoreName(const StoreView& store) {
  return store.website_id == 2 ? absl::StrCat("Japan\nJapan Store\n", store.name)
                               : absl::StrCat("Main Website\nMain Website Store\n", store.name);
}

uint32_t BillingAddressId(const OrderFacts& order) { return order.id * 2 - 1; }
uint32_t ShippingAddressId(const OrderFacts& order) { return order.plan.is_virtual ? 0 : order.id * 2; }

// ---- orders ----

void EmitOrders(const Sales& sales, RowSink& sink) {
  for (uint32_t id = 1; id <= sales.orders(); ++id) {
    const OrderFacts order = sales.Order(id, kWithEverything);
    const OrderPlan& plan = order.plan;
    const bool invoiced = plan.Invoiced(), refunded = plan.Refunded(), canceled = plan.state == OrderState::kCanceled;
    const int64_t discount = -order.discount_cents;
    sink.Int("entity_id", id).Text("state", StateCode(plan.state)).Text("status", StatusCode(plan.state));
    TextIf(sink, "coupon_code", order.coupon_code);
    Random random = Random::For(sales.seed(), "order_row", id);
    sink.Text("protect_code", Hex32(random).substr(0, 6));
    TextIf(sink, "shipping_description", order.shipping_description);
    sink.Int("is_virtual", plan.is_virtual ? 1 : 0).Int("store_id", plan.store_id);
    IdOrNull(sink, "customer_id", plan.customer_id);
    // Each store sells in its base currency, so the base_ amounts and the order-currency amounts are
    // equal: write the base_ columns, then the same columns without the prefix.
    for (const bool base : {true, false}) {
      auto column = [base](const char* name) { return base ? name : name + std::strlen("base_"); };
      sink.Money(column("base_discount_amount"), discount);
      MoneyIf(sink, column("base_discount_canceled"), canceled, discount);
      MoneyIf(sink, column("base_discount_invoiced"), invoiced, discount);
      MoneyIf(sink, column("base_discount_refunded"), refunded, discount);
      sink.Money(column("base_grand_total"), order.grand_total_cents);
      sink.Money(column("base_shipping_amount"), order.shipping_cents);
      MoneyIf(sink, column("base_shipping_canceled"), canceled, order.shipping_cents);
      MoneyIf(sink, column("base_shipping_invoiced"), invoiced, order.shipping_cents);
      MoneyIf(sink, column("base_shipping_refunded"), refunded, order.shipping_cents);
      sink.Money(column("base_shipping_tax_amount"), 0);
      MoneyIf(sink, column("base_shipping_tax_refunded"), refunded, 0);
      sink.Money(column("base_subtotal"), order.subtotal_cents);
      MoneyIf(sink, column("base_subtotal_canceled"), canceled, order.subtotal_cents);
      MoneyIf(sink, column("base_subtotal_invoiced"), invoiced, order.subtotal_cents);
      MoneyIf(sink, column("base_subtotal_refunded"), refunded, order.subtotal_cents);
      sink.Money(column("base_tax_amount"), order.tax_cents);
      MoneyIf(sink, column("base_tax_canceled"), canceled, order.tax_cents);
      MoneyIf(sink, column("base_tax_invoiced"), invoiced, order.tax_cents);
      MoneyIf(sink, column("base_tax_refunded"), refunded, order.tax_cents);
      if (base) {
        sink.Decimal4("base_to_global_rate", 10000).Decimal4("base_to_order_rate", 10000);
        MoneyIf(sink, "base_total_canceled", canceled, order.grand_total_cents);
        MoneyIf(sink, "base_total_invoiced", invoiced, order.grand_total_cents);
        MoneyIf(sink, "base_total_invoiced_cost", invoiced, 0);
        MoneyIf(sink, "base_total_offline_refunded", refunded && order.payment_method != "paypal_express",
                order.grand_total_cents);
        MoneyIf(sink, "base_total_online_refunded", refunded && order.payment_method == "paypal_express",
                order.grand_total_cents);
        MoneyIf(sink, "base_total_paid", invoiced, order.grand_total_cents);
        sink.Decimal4("base_total_qty_ordered", order.total_qty * 10000LL);
        MoneyIf(sink, "base_total_refunded", refunded, order.grand_total_cents);
      }
    }
    sink.Decimal4("store_to_base_rate", 10000).Decimal4("store_to_order_rate", 10000);
    MoneyIf(sink, "total_canceled", canceled, order.grand_total_cents);
    MoneyIf(sink, "total_invoiced", invoiced, order.grand_total_cents);
    MoneyIf(sink, "total_offline_refunded", refunded && order.payment_method != "paypal_express",
            order.grand_total_cents);
    MoneyIf(sink, "total_online_refunded", refunded && order.payment_method == "paypal_express",
            order.grand_total_cents);
    MoneyIf(sink, "total_paid", invoiced, order.grand_total_cents);
    sink.Decimal4("total_qty_ordered", order.total_qty * 10000LL);
    MoneyIf(sink, "total_refunded", refunded, order.grand_total_cents);
    sink.Null("can_ship_partially").Null("can_ship_partially_item");
    sink.Int("customer_is_guest", plan.customer_id == 0 ? 1 : 0).Int("customer_note_notify", 1);
    sink.Int("billing_address_id", BillingAddressId(order)).Int("customer_group_id", plan.group_id);
    sink.Null("edit_increment").Int("email_sent", id % 13 == 0 ? 0 : 1).Null("forced_shipment_with_invoice");
    sink.Null("gift_message_id").Null("payment_auth_expiration").Null("paypal_ipn_customer_notified");
    sink.Null("quote_address_id");
    IdOrNull(sink, "quote_id", order.quote_id);
    IdOrNull(sink, "shipping_address_id", ShippingAddressId(order));
    sink.Null("adjustment_negative")
        .Null("adjustment_positive")
        .Null("base_adjustment_negative")
        .Null("base_adjustment_positive");
    sink.Money("base_shipping_discount_amount", 0)
        .Money("base_subtotal_incl_tax", order.subtotal_cents + order.tax_cents);
    sink.Money("base_total_due", invoiced ? 0 : order.grand_total_cents).Null("payment_authorization_amount");
    sink.Money("shipping_discount_amount", 0).Money("subtotal_incl_tax", order.subtotal_cents + order.tax_cents);
    sink.Money("total_due", invoiced ? 0 : order.grand_total_cents);
    if (plan.is_virtual) {
      sink.Null("weight");
    } else {
      sink.Decimal4("weight", order.weight);
    }
    if (order.dob != 0) {
      sink.DateTime("customer_dob", order.dob);
    } else {
      sink.Null("customer_dob");
    }
    sink.Text("increment_id", order.increment_id);
    TextIf(sink, "applied_rule_ids", order.coupon_code.empty() ? "" : "1,3");
    sink.Text("base_currency_code", order.store->currency).Text("customer_email", order.email);
    sink.Text("customer_firstname", order.customer_name.first).Text("customer_lastname", order.customer_name.last);
    TextIf(sink, "customer_middlename", order.customer_name.middle);
    TextIf(sink, "customer_prefix", order.customer_name.prefix);
    sink.Null("customer_suffix").Null("customer_taxvat");
    TextIf(sink, "discount_description", order.coupon_code);
    sink.Null("ext_customer_id").Null("ext_order_id").Text("global_currency_code", "USD");
    if (plan.state == OrderState::kHolded) {
      sink.Text("hold_before_state", "processing").Text("hold_before_status", "processing");
    } else {
      sink.Null("hold_before_state").Null("hold_before_status");
    }
    sink.Text("order_currency_code", order.store->currency).Null("original_increment_id");
    sink.Null("relation_child_id")
        .Null("relation_child_real_id")
        .Null("relation_parent_id")
        .Null("relation_parent_real_id");
    sink.Text("remote_ip", order.remote_ip);
    TextIf(sink, "shipping_method", order.shipping_method);
    sink.Text("store_currency_code", order.store->currency).Text("store_name", StoreName(*order.store));
    if (id % 11 == 0) {
      sink.Text("x_forwarded_for", absl::StrCat("10.0.0.", id % 250, ", 172.16.0.1"));
    } else {
      sink.Null("x_forwarded_for");
    }
    TextIf(sink, "customer_note", order.customer_note);
    sink.DateTime("created_at", order.created_at).DateTime("updated_at", order.updated_at);
    sink.Int("total_item_count", static_cast<int64_t>(plan.lines.size()));
    IdOrNull(sink, "customer_gender", static_cast<uint32_t>(order.gender));
    sink.Money("hidden_tax_amount", 0).Money("base_hidden_tax_amount", 0);
    sink.Money("shipping_hidden_tax_amount", 0).Money("base_shipping_hidden_tax_amnt", 0);
    MoneyIf(sink, "hidden_tax_invoiced", invoiced, 0);
    MoneyIf(sink, "base_hidden_tax_invoiced", invoiced, 0);
    MoneyIf(sink, "hidden_tax_refunded", refunded, 0);
    MoneyIf(sink, "base_hidden_tax_refunded", refunded, 0);
    sink.Money("shipping_incl_tax", order.shipping_cents).Money("base_shipping_incl_tax", order.shipping_cents);
    if (order.coupon_code.empty()) {
      sink.Null("coupon_rule_name");
    } else {
      sink.Text("coupon_rule_name", "10% Rabatt – \"Sommer\"");
    }
    sink.EndRow();
  }
}

void EmitOrderItems(const Sales& sales, RowSink& sink) {
  for (uint32_t id = 1; id <= sales.orders(); ++id) {
    const OrderFacts order = sales.Order(id, kWithItems);
    const OrderPlan& plan = order.plan;
    const bool invoiced = plan.Invoiced(), shipped = plan.Shipped(), refunded = plan.Refunded();
    const bool canceled = plan.state == OrderState::kCanceled;
    for (const OrderItemFacts& item : order.items) {
      const int64_t qty = item.qty * 10000LL;
      const bool is_virtual = !IsShippable(item.type);
      sink.Int("item_id", item.item_id).Int("order_id", id);
      IdOrNull(sink, "parent_item_id", item.parent_item_id);
      IdOrNull(sink, "quote_item_id", order.quote_id == 0 ? 0 : item.item_id);
      sink.Int("store_id", plan.store_id).DateTime("created_at", order.created_at);
      if (order.updated_at == order.created_at) {
        sink.ZeroDateTime("updated_at");
      } else {
        sink.DateTime("updated_at", order.updated_at);
      }
      sink.Int("product_id", item.product_id).Text("product_type", TypeId(item.type));
      sink.Text("product_options", item.product_options).Decimal4("weight", item.weight);
      sink.Int("is_virtual", is_virtual ? 1 : 0).Text("sku", item.sku).Text("name", item.name);
      sink.Null("description");
      TextIf(sink, "applied_rule_ids", item.discount_cents != 0 ? "1,3" : "");
      sink.Null("additional_data").Int("free_shipping", 0).Int("is_qty_decimal", 0).Int("no_discount", 0);
      sink.Decimal4("qty_backordered", 0).Decimal4("qty_canceled", canceled ? qty : 0);
      sink.Decimal4("qty_invoiced", invoiced ? qty : 0).Decimal4("qty_ordered", qty);
      sink.Decimal4("qty_refunded", refunded ? qty : 0).Decimal4("qty_shipped", shipped ? qty : 0);
      sink.Null("base_cost");
      sink.Money("price", item.price_cents).Money("base_price", item.price_cents);
      sink.Money("original_price", item.original_price_cents).Money("base_original_price", item.original_price_cents);
      sink.Decimal4("tax_percent", item.tax_percent_hundredths * 100LL);
      sink.Money("tax_amount", item.tax_cents).Money("base_tax_amount", item.tax_cents);
      sink.Money("tax_invoiced", invoiced ? item.tax_cents : 0)
          .Money("base_tax_invoiced", invoiced ? item.tax_cents : 0);
      sink.Decimal4("discount_percent", item.discount_cents != 0 ? 100000 : 0);
      sink.Money("discount_amount", item.discount_cents).Money("base_discount_amount", item.discount_cents);
      sink.Money("discount_invoiced", invoiced ? item.discount_cents : 0);
      sink.Money("base_discount_invoiced", invoiced ? item.discount_cents : 0);
      const int64_t refunded_amount = refunded ? item.row_total_cents - item.discount_cents + item.tax_cents : 0;
      sink.Money("amount_refunded", refunded_amount).Money("base_amount_refunded", refunded_amount);
      sink.Money("row_total", item.row_total_cents).Money("base_row_total", item.row_total_cents);
      sink.Money("row_invoiced", invoiced ? item.row_total_cents : 0)
          .Money("base_row_invoiced", invoiced ? item.row_total_cents : 0);
      sink.Decimal4("row_weight", item.weight * item.qty);
      sink.Null("gift_message_id").Null("gift_message_available");
      sink.Money("base_tax_before_discount", 0).Money("tax_before_discount", 0);
      sink.Text("weee_tax_applied", "a:0:{}");
      sink.Money("weee_tax_applied_amount", 0).Money("weee_tax_applied_row_amount", 0);
      sink.Money("base_weee_tax_applied_amount", 0).Money("base_weee_tax_applied_row_amnt", 0);
      sink.Money("weee_tax_disposition", 0).Money("weee_tax_row_disposition", 0);
      sink.Money("base_weee_tax_disposition", 0).Money("base_weee_tax_row_disposition", 0);
      sink.Null("ext_order_item_id").Null("locked_do_invoice").Null("locked_do_ship");
      const int64_t unit_incl_tax = item.qty == 0 ? 0 : item.price_cents + item.tax_cents / item.qty;
      sink.Money("price_incl_tax", unit_incl_tax).Money("base_price_incl_tax", unit_incl_tax);
      sink.Money("row_total_incl_tax", item.row_total_cents + item.tax_cents);
      sink.Money("base_row_total_incl_tax", item.row_total_cents + item.tax_cents);
      sink.Money("hidden_tax_amount", 0).Money("base_hidden_tax_amount", 0);
      MoneyIf(sink, "hidden_tax_invoiced", invoiced, 0);
      MoneyIf(sink, "base_hidden_tax_invoiced", invoiced, 0);
      MoneyIf(sink, "hidden_tax_refunded", refunded, 0);
      MoneyIf(sink, "base_hidden_tax_refunded", refunded, 0);
      sink.Int("is_nominal", 0);
      MoneyIf(sink, "tax_canceled", canceled, item.tax_cents);
      MoneyIf(sink, "hidden_tax_canceled", canceled, 0);
      MoneyIf(sink, "tax_refunded", refunded, item.tax_cents);
      MoneyIf(sink, "base_tax_refunded", refunded, item.tax_cents);
      MoneyIf(sink, "discount_refunded", refunded, item.discount_cents);
      MoneyIf(sink, "base_discount_refunded", refunded, item.discount_cents);
      sink.EndRow();
    }
  }
}

void WriteOrderAddress(RowSink& sink, const OrderFacts& order, uint32_t address_id, const OrderParty& party,
                       absl::string_view type) {
  sink.Int("entity_id", address_id).Int("parent_id", order.id);
  IdOrNull(sink, "customer_address_id", party.customer_address_id);
  IdOrNull(sink, "quote_address_id", order.quote_id == 0 ? 0 : address_id);
  IdOrNull(sink, "region_id", static_cast<uint32_t>(party.address.region_id));
  IdOrNull(sink, "customer_id", order.plan.customer_id);
  sink.Null("fax");
  TextIf(sink, "region", party.address.region);
  sink.Text("postcode", party.address.postcode).Text("lastname", party.name.last).Text("street", party.address.street);
  sink.Text("city", party.address.city).Text("email", order.email).Text("telephone", party.address.telephone);
  sink.Text("country_id", party.address.country_id).Text("firstname", party.name.first).Text("address_type", type);
  TextIf(sink, "prefix", party.name.prefix);
  TextIf(sink, "middlename", party.name.middle);
  sink.Null("suffix");
  TextIf(sink, "company", party.address.company);
  sink.Null("vat_id").Null("vat_is_valid").Null("vat_request_id").Null("vat_request_date").Null("vat_request_success");
  sink.EndRow();
}

void EmitOrderAddresses(const Sales& sales, RowSink& sink) {
  for (uint32_t id = 1; id <= sales.orders(); ++id) {
    const OrderFacts order = sales.Order(id, kWithParties);
    WriteOrderAddress(sink, order, BillingAddressId(order), order.billing, "billing");
    if (!order.plan.is_virtual) WriteOrderAddress(sink, order, ShippingAddressId(order), order.shipping, "shipping");
  }
}

void EmitOrderPayments(const Sales& sales, RowSink& sink) {
  for (uint32_t id = 1; id <= sales.orders(); ++id) {
    const OrderFacts order = sales.Order(id, kWithEverything);
    const OrderPlan& plan = order.plan;
    const bool invoiced = plan.Invoiced(), refunded = plan.Refunded(), canceled = plan.state == OrderState::kCanceled;
    const absl::string_view method = order.payment_method;
    Random random = Random::For(sales.seed(), "order_payment", id);
    sink.Int("entity_id", id).Int("parent_id", id);
    MoneyIf(sink, "base_shipping_captured", invoiced, order.shipping_cents);
    MoneyIf(sink, "shipping_captured", invoiced, order.shipping_cents);
    MoneyIf(sink, "amount_refunded", refunded, order.grand_total_cents);
    MoneyIf(sink, "base_amount_paid", invoiced, order.grand_total_cents);
    MoneyIf(sink, "amount_canceled", canceled, order.grand_total_cents);
    MoneyIf(sink, "base_amount_authorized", method == "paypal_express", order.grand_total_cents);
    MoneyIf(sink, "base_amount_paid_online", invoiced && method == "paypal_express", order.grand_total_cents);
    MoneyIf(sink, "base_amount_refunded_online", refunded && method == "paypal_express", order.grand_total_cents);
    sink.Money("base_shipping_amount", order.shipping_cents).Money("shipping_amount", order.shipping_cents);
    MoneyIf(sink, "amount_paid", invoiced, order.grand_total_cents);
    MoneyIf(sink, "amount_authorized", method == "paypal_express", order.grand_total_cents);
    sink.Money("base_amount_ordered", order.grand_total_cents);
    MoneyIf(sink, "base_shipping_refunded", refunded, order.shipping_cents);
    MoneyIf(sink, "shipping_refunded", refunded, order.shipping_cents);
    MoneyIf(sink, "base_amount_refunded", refunded, order.grand_total_cents);
    sink.Money("amount_ordered", order.grand_total_cents);
    MoneyIf(sink, "base_amount_canceled", canceled, order.grand_total_cents);
    sink.Null("quote_payment_id").Null("additional_data");
    const bool card = method == "ccsave";
    if (card) {
      sink.Text("cc_exp_month", absl::StrCat(random.Between(1, 12))).Text("cc_ss_start_year", "0");
    } else {
      sink.Null("cc_exp_month").Null("cc_ss_start_year");
    }
    sink.Null("echeck_bank_name").Text("method", method);
    sink.Null("cc_debug_request_body").Null("cc_secure_verify");
    TextIf(sink, "protection_eligibility", method == "paypal_express" ? "Eligible" : "");
    sink.Null("cc_approval");
    if (card) {
      sink.Text("cc_last4", absl::StrCat(random.Between(1000, 9999)));
    } else {
      sink.Null("cc_last4");
    }
    sink.Null("cc_status_description").Null("echeck_type").Null("cc_debug_response_serialized");
    TextIf(sink, "cc_ss_start_month", card ? "0" : "");
    sink.Null("echeck_account_type");
    if (method == "paypal_express" && invoiced) {
      sink.Text("last_trans_id",
                absl::StrCat(random.Between(10000000, 99999999), "XY", random.Between(100000, 999999)));
    } else {
      sink.Null("last_trans_id");
    }
    sink.Null("cc_cid_status");
    if (card) {
      sink.Text("cc_owner", OrderFacts::FullName(order.billing.name)).Text("cc_type", random.Percent(50) ? "VI" : "MC");
    } else {
      sink.Null("cc_owner").Null("cc_type");
    }
    if (method == "checkmo" && id % 4 == 0) {
      sink.Text("po_number", absl::StrCat("PO-", id));
    } else {
      sink.Null("po_number");
    }
    if (card) {
      sink.Text("cc_exp_year", absl::StrCat(random.Between(2015, 2021)));
    } else {
      sink.Null("cc_exp_year");
    }
    sink.Null("cc_status").Null("echeck_routing_number").Null("account_status").Null("anet_trans_method");
    sink.Null("cc_debug_response_body").Null("cc_ss_issue").Null("echeck_account_name").Null("cc_avs_status");
    if (card) {
      sink.Text("cc_number_enc", absl::StrCat(Hex32(random), "=="));
    } else {
      sink.Null("cc_number_enc");
    }
    sink.Null("cc_trans_id").Null("paybox_request_number");
    if (method == "paypal_express") {
      sink.Text("address_status", "confirmed");
    } else {
      sink.Null("address_status");
    }
    PhpSerializer information;
    if (method == "paypal_express") {
      information.BeginArray(4)
          .String("paypal_payer_id")
          .String(Hex32(random).substr(0, 13))
          .String("paypal_payer_email")
          .String(order.email)
          .String("paypal_payer_status")
          .String("verified")
          .String("paypal_correlation_id")
          .String(Hex32(random).substr(0, 13))
          .EndArray();
      sink.Text("additional_information", information.Take());
    } else if (method == "banktransfer") {
      information.BeginArray(1)
          .String("instructions")
          .String("Bitte überweisen Sie an:\nIBAN DE89 3704 0044 0532 0130 00\nVerwendungszweck: \"Bestellnummer\"")
          .EndArray();
      sink.Text("additional_information", information.Take());
    } else if (method == "checkmo") {
      sink.Text("additional_information", "a:0:{}");
    } else {
      sink.Null("additional_information");
    }
    sink.EndRow();
  }
}

void EmitOrderGrid(const Sales& sales, RowSink& sink) {
  for (uint32_t id = 1; id <= sales.orders(); ++id) {
    const OrderFacts order = sales.Order(id, kWithEverything);
    const bool invoiced = order.plan.Invoiced();
    sink.Int("entity_id", id).Text("status", StatusCode(order.plan.state)).Int("store_id", order.plan.store_id);
    sink.Text("store_name", StoreName(*order.store));
    IdOrNull(sink, "customer_id", order.plan.customer_id);
    sink.Money("base_grand_total", order.grand_total_cents);
    MoneyIf(sink, "base_total_paid", invoiced, order.grand_total_cents);
    sink.Money("grand_total", order.grand_total_cents);
    MoneyIf(sink, "total_paid", invoiced, order.grand_total_cents);
    sink.Text("increment_id", order.increment_id).Text("base_currency_code", order.store->currency);
    sink.Text("order_currency_code", order.store->currency);
    if (order.plan.is_virtual) {
      sink.Null("shipping_name");
    } else {
      sink.Text("shipping_name", OrderFacts::FullName(order.shipping.name));
    }
    sink.Text("billing_name", OrderFacts::FullName(order.billing.name));
    sink.DateTime("created_at", order.created_at).DateTime("updated_at", order.updated_at).EndRow();
  }
}

// ---- invoices ----

int64_t DocumentTime(const OrderFacts& order, int days) { return order.created_at + days * 86400 + 3600; }

void EmitInvoices(const Sales& sales, RowSink& sink) {
  for (uint32_t id = 1; id <= sales.orders(); ++id) {
    if (!sales.HasInvoice(id)) continue;
    const OrderFacts order = sales.Order(id, kWithItems);
    sink.Int("entity_id", order.invoice_id).Int("store_id", order.plan.store_id);
    sink.Money("base_grand_total", order.grand_total_cents).Money("shipping_tax_amount", 0);
    sink.Money("tax_amount", order.tax_cents).Money("base_tax_amount", order.tax_cents);
    sink.Decimal4("store_to_order_rate", 10000).Money("base_shipping_tax_amount", 0);
    sink.Money("base_discount_amount", -order.discount_cents).Decimal4("base_to_order_rate", 10000);
    sink.Money("grand_total", order.grand_total_cents).Money("shipping_amount", order.shipping_cents);
    sink.Money("subtotal_incl_tax", order.subtotal_cents + order.tax_cents);
    sink.Money("base_subtotal_incl_tax", order.subtotal_cents + order.tax_cents);
    sink.Decimal4("store_to_base_rate", 10000).Money("base_shipping_amount", order.shipping_cents);
    sink.Decimal4("total_qty", order.total_qty * 10000LL).Decimal4("base_to_global_rate", 10000);
    sink.Money("subtotal", order.subtotal_cents).Money("base_subtotal", order.subtotal_cents);
    sink.Money("discount_amount", -order.discount_cents).Int("billing_address_id", BillingAddressId(order));
    sink.Null("is_used_for_refund").Int("order_id", id).Int("email_sent", 1).Int("can_void_flag", 0);
    sink.Int("state", 2);
    IdOrNull(sink, "shipping_address_id", ShippingAddressId(order));
    sink.Text("store_currency_code", order.store->currency);
    if (order.payment_method == "paypal_express") {
      sink.Text("transaction_id", absl::StrCat(order.invoice_id, "-capture"));
    } else {
      sink.Null("transaction_id");
    }
    sink.Text("order_currency_code", order.store->currency).Text("base_currency_code", order.store->currency);
    sink.Text("global_currency_code", "USD").Text("increment_id", order.IncrementIdOf(order.invoice_id));
    sink.DateTime("created_at", DocumentTime(order, 1)).DateTime("updated_at", DocumentTime(order, 1));
    sink.Money("hidden_tax_amount", 0).Money("base_hidden_tax_amount", 0);
    sink.Money("shipping_hidden_tax_amount", 0).Money("base_shipping_hidden_tax_amnt", 0);
    sink.Money("shipping_incl_tax", order.shipping_cents).Money("base_shipping_incl_tax", order.shipping_cents);
    MoneyIf(sink, "base_total_refunded", order.plan.Refunded(), order.grand_total_cents);
    TextIf(sink, "discount_description", order.coupon_code);
    sink.EndRow();
  }
}

// Item rows of invoices and credit memos share their columns.
void WriteDocumentItem(RowSink& sink, uint32_t entity_id, uint32_t parent_id, const OrderItemFacts& item) {
  sink.Int("entity_id", entity_id).Int("parent_id", parent_id);
  sink.Money("base_price", item.price_cents).Money("tax_amount", item.tax_cents);
  sink.Money("base_row_total", item.row_total_cents).Money("discount_amount", item.discount_cents);
  sink.Money("row_total", item.row_total_cents).Money("base_discount_amount", item.discount_cents);
  const int64_t unit_incl_tax = item.qty == 0 ? 0 : item.price_cents + item.tax_cents / item.qty;
  sink.Money("price_incl_tax", unit_incl_tax).Money("base_tax_amount", item.tax_cents);
  sink.Money("base_price_incl_tax", unit_incl_tax).Decimal4("qty", item.qty * 10000LL).Null("base_cost");
  sink.Money("price", item.price_cents).Money("base_row_total_incl_tax", item.row_total_cents + item.tax_cents);
  sink.Money("row_total_incl_tax", item.row_total_cents + item.tax_cents);
  sink.Int("product_id", item.product_id).Int("order_item_id", item.item_id).Null("additional_data");
  sink.Null("description").Text("weee_tax_applied", "a:0:{}").Text("sku", item.sku).Text("name", item.name);
  sink.Money("hidden_tax_amount", 0).Money("base_hidden_tax_amount", 0).EndRow();
}

void EmitInvoiceItems(const Sales& sales, RowSink& sink) {
  for (uint32_t id = 1; id <= sales.orders(); ++id) {
    if (!sales.HasInvoice(id)) continue;
    const OrderFacts order = sales.Order(id, kWithItems);
    uint32_t entity_id = order.first_invoice_item_id;
    for (const OrderItemFacts& item : order.items) WriteDocumentItem(sink, entity_id++, order.invoice_id, item);
  }
}

void EmitInvoiceGrid(const Sales& sales, RowSink& sink) {
  for (uint32_t id = 1; id <= sales.orders(); ++id) {
    if (!sales.HasInvoice(id)) continue;
    const OrderFacts order = sales.Order(id, kWithEverything);
    sink.Int("entity_id", order.invoice_id).Int("store_id", order.plan.store_id);
    sink.Money("base_grand_total", order.grand_total_cents).Money("grand_total", order.grand_total_cents);
    sink.Int("order_id", id).Int("state", 2).Text("store_currency_code", order.store->currency);
    sink.Text("order_currency_code", order.store->currency).Text("base_currency_code", order.store->currency);
    sink.Text("global_currency_code", "USD").Text("increment_id", order.IncrementIdOf(order.invoice_id));
    sink.Text("order_increment_id", order.increment_id).DateTime("created_at", DocumentTime(order, 1));
    sink.DateTime("order_created_at", order.created_at).Text("billing_name", OrderFacts::FullName(order.billing.name));
    sink.EndRow();
  }
}

// ---- shipments ----

void EmitShipments(const Sales& sales, RowSink& sink) {
  for (uint32_t id = 1; id <= sales.orders(); ++id) {
    if (!sales.HasShipment(id)) continue;
    const OrderFacts order = sales.Order(id, kWithItems);
    sink.Int("entity_id", order.shipment_id)
        .Int("store_id", order.plan.store_id)
        .Decimal4("total_weight", order.weight);
    sink.Decimal4("total_qty", order.total_qty * 10000LL).Int("email_sent", 1).Int("order_id", id);
    IdOrNull(sink, "customer_id", order.plan.customer_id);
    sink.Int("shipping_address_id", ShippingAddressId(order)).Int("billing_address_id", BillingAddressId(order));
    sink.Null("shipment_status").Text("increment_id", order.IncrementIdOf(order.shipment_id));
    sink.DateTime("created_at", DocumentTime(order, 2)).DateTime("updated_at", DocumentTime(order, 2));
    sink.Text("packages", "a:0:{}").Null("shipping_label").EndRow();
  }
}

void EmitShipmentItems(const Sales& sales, RowSink& sink) {
  for (uint32_t id = 1; id <= sales.orders(); ++id) {
    if (!sales.HasShipment(id)) continue;
    const OrderFacts order = sales.Order(id, kWithItems);
    uint32_t entity_id = order.first_shipment_item_id;
    for (const OrderItemFacts& item : order.items) {
      sink.Int("entity_id", entity_id++).Int("parent_id", order.shipment_id);
      MoneyIf(sink, "row_total", item.parent_item_id == 0, item.row_total_cents);
      sink.Money("price", item.price_cents).Decimal4("weight", item.weight).Decimal4("qty", item.qty * 10000LL);
      sink.Int("product_id", item.product_id).Int("order_item_id", item.item_id).Null("additional_data");
      sink.Null("description").Text("name", item.name).Text("sku", item.sku).EndRow();
    }
  }
}

void EmitShipmentGrid(const Sales& sales, RowSink& sink) {
  for (uint32_t id = 1; id <= sales.orders(); ++id) {
    if (!sales.HasShipment(id)) continue;
    const OrderFacts order = sales.Order(id, kWithEverything);
    sink.Int("entity_id", order.shipment_id).Int("store_id", order.plan.store_id);
    sink.Decimal4("total_qty", order.total_qty * 10000LL).Int("order_id", id).Null("shipment_status");
    sink.Text("increment_id", order.IncrementIdOf(order.shipment_id)).Text("order_increment_id", order.increment_id);
    sink.DateTime("created_at", DocumentTime(order, 2)).DateTime("order_created_at", order.created_at);
    sink.Text("shipping_name", OrderFacts::FullName(order.shipping.name)).EndRow();
  }
}

// ---- credit memos ----

void EmitCreditmemos(const Sales& sales, RowSink& sink) {
  for (uint32_t id = 1; id <= sales.orders(); ++id) {
    if (!sales.HasCreditmemo(id)) continue;
    const OrderFacts order = sales.Order(id, kWithItems);
    sink.Int("entity_id", order.creditmemo_id).Int("store_id", order.plan.store_id).Money("adjustment_positive", 0);
    sink.Money("base_shipping_tax_amount", 0).Decimal4("store_to_order_rate", 10000);
    sink.Money("base_discount_amount", -order.discount_cents).Decimal4("base_to_order_rate", 10000);
    sink.Money("grand_total", order.grand_total_cents).Money("base_adjustment_negative", 0);
    sink.Money("base_subtotal_incl_tax", order.subtotal_cents + order.tax_cents)
        .Money("shipping_amount", order.shipping_cents);
    sink.Money("subtotal_incl_tax", order.subtotal_cents + order.tax_cents).Money("adjustment_negative", 0);
    sink.Money("base_shipping_amount", order.shipping_cents).Decimal4("store_to_base_rate", 10000);
    sink.Decimal4("base_to_global_rate", 10000)
        .Money("base_adjustment", 0)
        .Money("base_subtotal", order.subtotal_cents);
    sink.Money("discount_amount", -order.discount_cents).Money("subtotal", order.subtotal_cents).Money("adjustment", 0);
    sink.Money("base_grand_total", order.grand_total_cents).Money("base_adjustment_positive", 0);
    sink.Money("base_tax_amount", order.tax_cents).Money("shipping_tax_amount", 0).Money("tax_amount", order.tax_cents);
    sink.Int("order_id", id).Int("email_sent", 1).Null("creditmemo_status").Int("state", 2);
    IdOrNull(sink, "shipping_address_id", ShippingAddressId(order));
    sink.Int("billing_address_id", BillingAddressId(order)).Int("invoice_id", order.invoice_id);
    sink.Text("store_currency_code", order.store->currency).Text("order_currency_code", order.store->currency);
    sink.Text("base_currency_code", order.store->currency).Text("global_currency_code", "USD");
    sink.Null("transaction_id").Text("increment_id", order.IncrementIdOf(order.creditmemo_id));
    sink.DateTime("created_at", DocumentTime(order, 20)).DateTime("updated_at", DocumentTime(order, 20));
    sink.Money("hidden_tax_amount", 0).Money("base_hidden_tax_amount", 0);
    sink.Money("shipping_hidden_tax_amount", 0).Money("base_shipping_hidden_tax_amnt", 0);
    sink.Money("shipping_incl_tax", order.shipping_cents).Money("base_shipping_incl_tax", order.shipping_cents);
    TextIf(sink, "discount_description", order.coupon_code);
    sink.EndRow();
  }
}

void EmitCreditmemoItems(const Sales& sales, RowSink& sink) {
  for (uint32_t id = 1; id <= sales.orders(); ++id) {
    if (!sales.HasCreditmemo(id)) continue;
    const OrderFacts order = sales.Order(id, kWithItems);
    uint32_t entity_id = order.first_creditmemo_item_id;
    for (const OrderItemFacts& item : order.items) WriteDocumentItem(sink, entity_id++, order.creditmemo_id, item);
  }
}

void EmitCreditmemoGrid(const Sales& sales, RowSink& sink) {
  for (uint32_t id = 1; id <= sales.orders(); ++id) {
    if (!sales.HasCreditmemo(id)) continue;
    const OrderFacts order = sales.Order(id, kWithEverything);
    sink.Int("entity_id", order.creditmemo_id).Int("store_id", order.plan.store_id);
    sink.Decimal4("store_to_order_rate", 10000).Decimal4("base_to_order_rate", 10000);
    sink.Money("grand_total", order.grand_total_cents).Decimal4("store_to_base_rate", 10000);
    sink.Decimal4("base_to_global_rate", 10000).Money("base_grand_total", order.grand_total_cents);
    sink.Int("order_id", id).Null("creditmemo_status").Int("state", 2).Int("invoice_id", order.invoice_id);
    sink.Text("store_currency_code", order.store->currency).Text("order_currency_code", order.store->currency);
    sink.Text("base_currency_code", order.store->currency).Text("global_currency_code", "USD");
    sink.Text("increment_id", order.IncrementIdOf(order.creditmemo_id)).Text("order_increment_id", order.increment_id);
    sink.DateTime("created_at", DocumentTime(order, 20)).DateTime("order_created_at", order.created_at);
    sink.Text("billing_name", OrderFacts::FullName(order.billing.name)).EndRow();
  }
}

}  // namespace

void AddSalesTables(const Sales& sales, TableList& tables) {
  const uint64_t orders = sales.orders(), items = sales.order_items();
  const uint64_t invoice_items = items * sales.invoices() / std::max<uint64_t>(orders, 1);
  const uint64_t shipment_items = items * sales.shipments() / std::max<uint64_t>(orders, 1);
  const uint64_t creditmemo_items = items * sales.creditmemos() / std::max<uint64_t>(orders, 1);
  auto add = [&](const char* name, uint64_t rows, void (*emit)(const Sales&, RowSink&)) {
    tables.push_back({name, rows, [&sales, emit](RowSink& sink) { emit(sales, sink); }});
  };
  add("sales_flat_order", orders, EmitOrders);
  add("sales_flat_order_item", items, EmitOrderItems);
  add("sales_flat_order_address", orders * 2, EmitOrderAddresses);
  add("sales_flat_order_payment", orders, EmitOrderPayments);
  add("sales_flat_order_grid", orders, EmitOrderGrid);
  add("sales_flat_invoice", sales.invoices(), EmitInvoices);
  add("sales_flat_invoice_item", invoice_items, EmitInvoiceItems);
  add("sales_flat_invoice_grid", sales.invoices(), EmitInvoiceGrid);
  add("sales_flat_shipment", sales.shipments(), EmitShipments);
  add("sales_flat_shipment_item", shipment_items, EmitShipmentItems);
  add("sales_flat_shipment_grid", sales.shipments(), EmitShipmentGrid);
  add("sales_flat_creditmemo", sales.creditmemos(), EmitCreditmemos);
  add("sales_flat_creditmemo_item", creditmemo_items, EmitCreditmemoItems);
  add("sales_flat_creditmemo_grid", sales.creditmemos(), EmitCreditmemoGrid);
}

}  // namespace migrate::generator
