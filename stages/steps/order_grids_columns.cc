#include "stages/steps/order_grids_columns.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "io/mysql_connection.h"

namespace migrate::stages {
namespace {

// "firstname lastname" of an alias's columns, as Magento's grids show a name.
std::string Name(absl::string_view alias, absl::string_view first = "firstname", absl::string_view last = "lastname") {
  return absl::StrCat("trim(concat(ifnull(", alias, ".", first, ", ''), ' ', ifnull(", alias, ".", last, ", '')))");
}

// "street, city, region, postcode" of an address alias.
std::string Address(absl::string_view alias) {
  return absl::StrCat("trim(concat(ifnull(", alias, ".street, ''), ', ', ifnull(", alias, ".city, ''), ', ', ifnull(",
                      alias, ".region, ''), ', ', ifnull(", alias, ".postcode, '')))");
}

// The order's first payment method (by payment id, where Magento takes whichever comes first).
constexpr char kPayment[] =
    "(SELECT sales_order_payment.method FROM {payment} AS sales_order_payment WHERE sales_order_payment.parent_id = "
    "sales_order.entity_id ORDER BY sales_order_payment.entity_id LIMIT 1)";

}  // namespace

const std::vector<GridDefinition>& GridDefinitions() {
  static const auto* grids = [] {
    const std::string shipping_name = Name("sales_shipping_address");
    const std::string billing_name = Name("sales_billing_address");
    const std::string shipping_address = Address("sales_shipping_address");
    const std::string billing_address = Address("sales_billing_address");
    const std::string customer_name = Name("sales_order", "customer_firstname", "customer_lastname");
    return new std::vector<GridDefinition>{
        {"sales_order_grid",
         "sales_order",
         "sales_flat_order",
         "sales_flat_order_grid",
         {{"entity_id", "sales_order.entity_id"},
          {"status", "sales_order.status"},
          {"store_id", "sales_order.store_id"},
          {"store_name", "sales_order.store_name"},
          {"customer_id", "sales_order.customer_id"},
          {"base_grand_total", "sales_order.base_grand_total"},
          {"base_total_paid", "sales_order.base_total_paid"},
          {"grand_total", "sales_order.grand_total"},
          {"total_paid", "sales_order.total_paid"},
          {"increment_id", "sales_order.increment_id"},
          {"base_currency_code", "sales_order.base_currency_code"},
          {"order_currency_code", "sales_order.order_currency_code"},
          {"shipping_name", shipping_name},
          {"billing_name", billing_name},
          {"created_at", "sales_order.created_at"},
          {"updated_at", "sales_order.updated_at"},
          {"billing_address", billing_address},
          {"shipping_address", shipping_address},
          {"shipping_information", "sales_order.shipping_description"},
          {"customer_email", "sales_order.customer_email"},
          {"customer_group", "sales_order.customer_group_id"},
          {"subtotal", "sales_order.base_subtotal"},
          {"shipping_and_handling", "sales_order.base_shipping_amount"},
          {"customer_name", customer_name},
          {"payment_method", kPayment},
          {"total_refunded", "sales_order.total_refunded"}}},
        {"sales_invoice_grid",
         "sales_invoice",
         "sales_flat_invoice",
         "sales_flat_invoice_grid",
         {{"entity_id", "sales_invoice.entity_id"},
          {"increment_id", "sales_invoice.increment_id"},
          {"state", "sales_invoice.state"},
          {"store_id", "sales_invoice.store_id"},
          {"store_name", "sales_order.store_name"},
          {"order_id", "sales_invoice.order_id"},
          {"order_increment_id", "sales_order.increment_id"},
          {"order_created_at", "sales_order.created_at"},
          {"customer_name", customer_name},
          {"customer_email", "sales_order.customer_email"},
          {"customer_group_id", "sales_order.customer_group_id"},
          {"payment_method", kPayment},
          {"store_currency_code", "sales_invoice.store_currency_code"},
          {"order_currency_code", "sales_invoice.order_currency_code"},
          {"base_currency_code", "sales_invoice.base_currency_code"},
          {"global_currency_code", "sales_invoice.global_currency_code"},
          {"billing_name", billing_name},
          {"billing_address", billing_address},
          {"shipping_address", shipping_address},
          {"shipping_information", "sales_order.shipping_description"},
          {"subtotal", "sales_order.base_subtotal"},
          {"shipping_and_handling", "sales_order.base_shipping_amount"},
          {"grand_total", "sales_invoice.grand_total"},
          {"base_grand_total", "sales_invoice.base_grand_total"},
          {"created_at", "sales_invoice.created_at"},
          {"updated_at", "sales_invoice.updated_at"}}},
        {"sales_shipment_grid",
         "sales_shipment",
         "sales_flat_shipment",
         "sales_flat_shipment_grid",
         {{"entity_id", "sales_shipment.entity_id"},
          {"increment_id", "sales_shipment.increment_id"},
          {"store_id", "sales_shipment.store_id"},
          {"order_increment_id", "sales_order.increment_id"},
          {"order_id", "sales_shipment.order_id"},
          {"order_created_at", "sales_order.created_at"},
          {"customer_name", customer_name},
          {"total_qty", "sales_shipment.total_qty"},
          {"shipment_status", "sales_shipment.shipment_status"},
          {"order_status", "sales_order.status"},
          {"billing_address", billing_address},
          {"shipping_address", shipping_address},
          {"billing_name", billing_name},
          {"shipping_name", shipping_name},
          {"customer_email", "sales_order.customer_email"},
          {"customer_group_id", "sales_order.customer_group_id"},
          {"payment_method", kPayment},
          {"shipping_information", "sales_order.shipping_description"},
          {"created_at", "sales_shipment.created_at"},
          {"updated_at", "sales_shipment.updated_at"}}},
        {"sales_creditmemo_grid",
         "sales_creditmemo",
         "sales_flat_creditmemo",
         "sales_flat_creditmemo_grid",
         {{"entity_id", "sales_creditmemo.entity_id"},
          {"increment_id", "sales_creditmemo.increment_id"},
          {"created_at", "sales_creditmemo.created_at"},
          {"updated_at", "sales_creditmemo.updated_at"},
          {"order_id", "sales_order.entity_id"},
          {"order_increment_id", "sales_order.increment_id"},
          {"order_created_at", "sales_order.created_at"},
          {"billing_name", billing_name},
          {"state", "sales_creditmemo.state"},
          {"base_grand_total", "sales_creditmemo.base_grand_total"},
          {"order_status", "sales_order.status"},
          {"store_id", "sales_creditmemo.store_id"},
          {"billing_address", billing_address},
          {"shipping_address", shipping_address},
          {"customer_name", customer_name},
          {"customer_email", "sales_order.customer_email"},
          {"customer_group_id", "sales_order.customer_group_id"},
          {"payment_method", kPayment},
          {"shipping_information", "sales_order.shipping_description"},
          {"subtotal", "sales_creditmemo.subtotal"},
          {"shipping_and_handling", "sales_creditmemo.shipping_amount"},
          {"adjustment_positive", "sales_creditmemo.adjustment_positive"},
          {"adjustment_negative", "sales_creditmemo.adjustment_negative"},
          {"order_base_grand_total", "sales_order.base_grand_total"}}},
    };
  }();
  return *grids;
}

const std::vector<std::string>& GridJoinedTables() {
  static const auto* tables = new std::vector<std::string>{"sales_order", "sales_order_address", "sales_order_payment"};
  return *tables;
}

GridSelect BuildGridSelect(const GridDefinition& definition, const std::vector<std::string>& grid_columns,
                           const std::function<std::string(absl::string_view)>& table) {
  GridSelect out;
  std::string expressions;
  for (const std::string& column : grid_columns) {
    std::string expression = "NULL";
    for (const auto& [name, sql] : definition.columns) {
      if (name == column) expression = absl::StrReplaceAll(sql, {{"{payment}", table("sales_order_payment")}});
    }
    absl::StrAppend(&expressions, expressions.empty() ? "" : ", ", expression, " AS ", io::QuoteIdentifier(column));
    out.columns.push_back(column);
  }
  const std::string& base = definition.base;
  out.select = absl::StrCat("SELECT ", expressions, " FROM ", table(base), " AS ", base);
  if (base != "sales_order") {
    absl::StrAppend(&out.select, " LEFT JOIN ", table("sales_order"), " AS sales_order ON ", base,
                    ".order_id = sales_order.entity_id");
  }
  absl::StrAppend(&out.select, " LEFT JOIN ", table("sales_order_address"), " AS sales_shipping_address ON ", base,
                  ".shipping_address_id = sales_shipping_address.entity_id LEFT JOIN ", table("sales_order_address"),
                  " AS sales_billing_address ON ", base, ".billing_address_id = sales_billing_address.entity_id");
  return out;
}

}  // namespace migrate::stages
