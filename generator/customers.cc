#include "generator/customers.h"

#include "absl/strings/str_cat.h"
#include "generator/catalog_model.h"
#include "generator/eav_metadata.h"
#include "generator/eav_value_writer.h"
#include "generator/random.h"
#include "generator/stores.h"

namespace migrate::generator {
namespace {

void EmitCustomers(const Customers& customers, RowSink& sink) {
  for (uint32_t id = 1; id <= customers.count(); ++id) {
    const CustomerFacts customer = customers.Customer(id);
    sink.Int("entity_id", id).Int("entity_type_id", kCustomerEntity).Int("attribute_set_id", 0);
    sink.Int("website_id", customer.website_id).Text("email", customer.email).Int("group_id", customer.group_id);
    sink.Null("increment_id").Int("store_id", customer.store_id).DateTime("created_at", customer.created_at);
    if (customer.updated_at == 0) {
      sink.ZeroDateTime("updated_at");
    } else {
      sink.DateTime("updated_at", customer.updated_at);
    }
    sink.Int("is_active", customer.is_active ? 1 : 0).Int("disable_auto_group_change", 0).EndRow();
  }
}

void EmitCustomerVarchars(const Customers& customers, RowSink& sink) {
  const uint16_t firstname = AttributeId(kCustomerEntity, "firstname", "varchar");
  const uint16_t lastname = AttributeId(kCustomerEntity, "lastname", "varchar");
  const uint16_t middlename = AttributeId(kCustomerEntity, "middlename", "varchar");
  const uint16_t prefix = AttributeId(kCustomerEntity, "prefix", "varchar");
  const uint16_t password_hash = AttributeId(kCustomerEntity, "password_hash", "varchar");
  const uint16_t created_in = AttributeId(kCustomerEntity, "created_in", "varchar");
  const uint16_t taxvat = AttributeId(kCustomerEntity, "taxvat", "varchar");
  const uint16_t rp_token = AttributeId(kCustomerEntity, "rp_token", "varchar");
  const uint16_t confirmation = AttributeId(kCustomerEntity, "confirmation", "varchar");
  EavValueWriter values(sink, kCustomerEntity);
  for (uint32_t id = 1; id <= customers.count(); ++id) {
    const CustomerFacts customer = customers.Customer(id);
    values.Row(firstname, id).Text("value", customer.name.first).EndRow();
    values.Row(lastname, id).Text("value", customer.name.last).EndRow();
    if (!customer.name.middle.empty()) values.Row(middlename, id).Text("value", customer.name.middle).EndRow();
    if (!customer.name.prefix.empty()) values.Row(prefix, id).Text("value", customer.name.prefix).EndRow();
    values.Row(password_hash, id).Text("value", customer.password_hash).EndRow();
    values.Row(created_in, id).Text("value", id % 17 == 0 ? "Admin" : StoreViewById(customer.store_id).name).EndRow();
    if (!customer.taxvat.empty()) values.Row(taxvat, id).Text("value", customer.taxvat).EndRow();
    if (customer.has_reset_token) {
      Random random = Random::For(customers.seed(), "customer_token", id);
      values.Row(rp_token, id).Text("value", Hex32(random)).EndRow();
    }
    if (id % 23 == 0) values.Row(confirmation, id).Null("value").EndRow();
  }
}

void EmitCustomerInts(const Customers& customers, RowSink& sink) {
  const uint16_t default_billing = AttributeId(kCustomerEntity, "default_billing", "int");
  const uint16_t default_shipping = AttributeId(kCustomerEntity, "default_shipping", "int");
  const uint16_t gender = AttributeId(kCustomerEntity, "gender", "int");
  EavValueWriter values(sink, kCustomerEntity);
  for (uint32_t id = 1; id <= customers.count(); ++id) {
    const CustomerFacts customer = customers.Customer(id);
    if (customer.default_billing != 0) values.Row(default_billing, id).Int("value", customer.default_billing).EndRow();
    if (customer.default_shipping != 0)
      values.Row(default_shipping, id).Int("value", customer.default_shipping).EndRow();
    if (customer.gender != 0) values.Row(gender, id).Int("value", customer.gender).EndRow();
  }
}

void EmitCustomerDatetimes(const Customers& customers, RowSink& sink) {
  const uint16_t dob = AttributeId(kCustomerEntity, "dob", "datetime");
  const uint16_t rp_token_created_at = AttributeId(kCustomerEntity, "rp_token_created_at", "datetime");
  EavValueWriter values(sink, kCustomerEntity);
  for (uint32_t id = 1; id <= customers.count(); ++id) {
    const CustomerFacts customer = customers.Customer(id);
    if (customer.dob != 0) values.Row(dob, id).DateTime("value", customer.dob).EndRow();
    if (customer.has_reset_token)
      values.Row(rp_token_created_at, id).DateTime("value", customer.created_at + 86400).EndRow();
  }
}

void EmitAddresses(const Customers& customers, RowSink& sink) {
  for (uint32_t id = 1; id <= customers.count(); ++id) {
    const CustomerFacts customer = customers.Customer(id);
    for (uint32_t index = 0; index < customer.address_count; ++index) {
      const CustomerAddressFacts address = customers.Address(customer, index);
      sink.Int("entity_id", address.id).Int("entity_type_id", kCustomerAddressEntity).Int("attribute_set_id", 0);
      sink.Null("increment_id").Int("parent_id", id).DateTime("created_at", address.created_at);
      if (address.updated_at == 0) {
        sink.ZeroDateTime("updated_at");
      } else {
        sink.DateTime("updated_at", address.updated_at);
      }
      sink.Int("is_active", 1).EndRow();
    }
  }
}

void EmitAddressVarchars(const Customers& customers, RowSink& sink) {
  const uint16_t firstname = AttributeId(kCustomerAddressEntity, "firstname", "varchar");
  const uint16_t lastname = AttributeId(kCustomerAddressEntity, "lastname", "varchar");
  const uint16_t middlename = AttributeId(kCustomerAddressEntity, "middlename", "varchar");
  const uint16_t prefix = AttributeId(kCustomerAddressEntity, "prefix", "varchar");
  const uint16_t company = AttributeId(kCustomerAddressEntity, "company", "varchar");
  const uint16_t city = AttributeId(kCustomerAddressEntity, "city", "varchar");
  const uint16_t country_id = AttributeId(kCustomerAddressEntity, "country_id", "varchar");
  const uint16_t region = AttributeId(kCustomerAddressEntity, "region", "varchar");
  const uint16_t postcode = AttributeId(kCustomerAddressEntity, "postcode", "varchar");
  const uint16_t telephone = AttributeId(kCustomerAddressEntity, "telephone", "varchar");
  const uint16_t fax = AttributeId(kCustomerAddressEntity, "fax", "varchar");
  const uint16_t vat_id = AttributeId(kCustomerAddressEntity, "vat_id", "varchar");
  EavValueWriter values(sink, kCustomerAddressEntity);
  for (uint32_t id = 1; id <= customers.count(); ++id) {
    const CustomerFacts customer = customers.Customer(id);
    for (uint32_t index = 0; index < customer.address_count; ++index) {
      const CustomerAddressFacts facts = customers.Address(customer, index);
      const uint32_t address_id = facts.id;
      values.Row(firstname, address_id).Text("value", facts.name.first).EndRow();
      values.Row(lastname, address_id).Text("value", facts.name.last).EndRow();
      if (!facts.name.middle.empty()) values.Row(middlename, address_id).Text("value", facts.name.middle).EndRow();
      if (!facts.name.prefix.empty()) values.Row(prefix, address_id).Text("value", facts.name.prefix).EndRow();
      if (!facts.address.company.empty()) values.Row(company, address_id).Text("value", facts.address.company).EndRow();
      values.Row(city, address_id).Text("value", facts.address.city).EndRow();
      values.Row(country_id, address_id).Text("value", facts.address.country_id).EndRow();
      if (facts.address.region_id == 0) {
        values.Row(region, address_id)
            .OptionalText(
                "value", facts.address.region.empty() ? std::nullopt : std::optional<std::string>(facts.address.region))
            .EndRow();
      }
      values.Row(postcode, address_id).Text("value", facts.address.postcode).EndRow();
      values.Row(telephone, address_id).Text("value", facts.address.telephone).EndRow();
      if (address_id % 20 == 0) values.Row(fax, address_id).Text("value", facts.address.telephone).EndRow();
      if (facts.vat_id.has_value()) values.Row(vat_id, address_id).Text("value", *facts.vat_id).EndRow();
    }
  }
}

void EmitAddressInts(const Customers& customers, RowSink& sink) {
  const uint16_t region_id = AttributeId(kCustomerAddressEntity, "region_id", "int");
  EavValueWriter values(sink, kCustomerAddressEntity);
  for (uint32_t id = 1; id <= customers.count(); ++id) {
    const CustomerFacts customer = customers.Customer(id);
    for (uint32_t index = 0; index < customer.address_count; ++index) {
      const CustomerAddressFacts facts = customers.Address(customer, index);
      if (facts.address.region_id != 0) values.Row(region_id, facts.id).Int("value", facts.address.region_id).EndRow();
    }
  }
}

void EmitAddressTexts(const Customers& customers, RowSink& sink) {
  const uint16_t street = AttributeId(kCustomerAddressEntity, "street", "text");
  EavValueWriter values(sink, kCustomerAddressEntity);
  for (uint32_t id = 1; id <= customers.count(); ++id) {
    const CustomerFacts customer = customers.Customer(id);
    for (uint32_t index = 0; index < customer.address_count; ++index) {
      const CustomerAddressFacts facts = customers.Address(customer, index);
      values.Row(street, facts.id).Text("value", facts.address.street).EndRow();
    }
  }
}

// Tables Magento creates that a typical shop leaves empty.
void EmitNothing(RowSink&) {}

}  // namespace

Customers::Customers(uint64_t seed, const Scale& scale) : seed_(seed), count_(scale.customers) {
  first_address_id_.reserve(count_ + 1);
  uint32_t next = 1;
  for (uint32_t id = 1; id <= count_; ++id) {
    first_address_id_.push_back(next);
    next += AddressCount(id);
  }
  first_address_id_.push_back(next);
}

uint32_t Customers::AddressCount(uint32_t customer_id) const {
  Random random = Random::For(seed_, "customer_address_count", customer_id);
  const uint64_t roll = random.Below(100);
  return roll < 15 ? 0 : roll < 65 ? 1 : roll < 90 ? 2 : 3;
}

CustomerHome Customers::Home(uint32_t customer_id) const {
  Random random = Random::For(seed_, "customer_home", customer_id);
  CustomerHome home;
  home.website_id = random.Percent(85) ? 1 : 2;
  home.store_id = home.website_id == 2 ? 3 : (random.Percent(70) ? 1 : 2);
  const uint64_t group = random.Below(100);
  home.group_id = group < 85 ? 1 : group < 95 ? 2 : 3;
  return home;
}

CustomerFacts Customers::Customer(uint32_t customer_id) const {
  Random random = Random::For(seed_, "customer", customer_id);
  CustomerFacts customer;
  customer.id = customer_id;
  const CustomerHome home = Home(customer_id);
  customer.website_id = home.website_id;
  customer.store_id = home.store_id;
  customer.group_id = home.group_id;
  customer.name = Person(random);
  customer.email = Email(customer.name, customer_id, random);
  customer.created_at =
      kShopOpened + static_cast<int64_t>(customer_id) * kFourYears / (count_ + 1) + random.Between(0, 3600);
  customer.updated_at = random.Percent(5) ? 0 : customer.created_at + random.Between(0, 200) * 86400;
  customer.is_active = !random.OneIn(50);
  if (random.Percent(60)) customer.gender = random.Percent(50) ? 1 : 2;
  if (random.Percent(30)) customer.dob = -365LL * 86400 * random.Between(-20, 40) + random.Between(0, 364) * 86400;
  if (random.Percent(8)) customer.taxvat = absl::StrCat("DE", random.Between(100000000, 999999999));
  customer.password_hash = absl::StrCat(Hex32(random), ":", Hex32(random).substr(0, 2));
  customer.has_reset_token = random.Percent(10);
  customer.first_address_id = first_address_id_[customer_id - 1];
  customer.address_count = first_address_id_[customer_id] - customer.first_address_id;
  if (customer.address_count > 0) {
    customer.default_billing = customer.first_address_id;
    customer.default_shipping = customer.first_address_id + (customer.address_count > 1 && random.Percent(30) ? 1 : 0);
  }
  customer.subscribed = random.Percent(33);
  return customer;
}

CustomerAddressFacts Customers::Address(const CustomerFacts& customer, uint32_t index) const {
  const uint32_t address_id = customer.first_address_id + index;
  Random random = Random::For(seed_, "customer_address", address_id);
  CustomerAddressFacts facts;
  facts.id = address_id;
  facts.customer_id = customer.id;
  facts.name = index == 0 || random.Percent(60) ? customer.name : Person(random);
  facts.address = ::migrate::generator::Address(random);
  facts.created_at = customer.created_at + index * 86400 * random.Between(1, 90);
  facts.updated_at = random.Percent(10) ? 0 : facts.created_at + random.Between(0, 30) * 86400;
  if (facts.address.country_id == "DE" && random.Percent(20)) {
    facts.vat_id = absl::StrCat("DE", random.Between(100000000, 999999999));
  }
  return facts;
}

void AddCustomerTables(const Customers& customers, TableList& tables) {
  const uint64_t count = customers.count();
  const uint64_t addresses = customers.addresses();
  auto add = [&](const char* name, uint64_t rows, void (*emit)(const Customers&, RowSink&)) {
    tables.push_back({name, rows, [&customers, emit](RowSink& sink) { emit(customers, sink); }});
  };
  add("customer_entity", count, EmitCustomers);
  add("customer_entity_varchar", count * 5, EmitCustomerVarchars);
  add("customer_entity_int", count * 3, EmitCustomerInts);
  add("customer_entity_datetime", count / 3, EmitCustomerDatetimes);
  tables.push_back({"customer_entity_decimal", 0, EmitNothing});
  tables.push_back({"customer_entity_text", 0, EmitNothing});
  add("customer_address_entity", addresses, EmitAddresses);
  add("customer_address_entity_varchar", addresses * 8, EmitAddressVarchars);
  add("customer_address_entity_int", addresses / 2, EmitAddressInts);
  add("customer_address_entity_text", addresses, EmitAddressTexts);
  tables.push_back({"customer_address_entity_decimal", 0, EmitNothing});
  tables.push_back({"customer_address_entity_datetime", 0, EmitNothing});
}

}  // namespace migrate::generator
