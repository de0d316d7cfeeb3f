// Customers and their address books: facts drawn on demand from each customer's random streams,
// and the customer_entity and customer_address_entity tables with their EAV values.
//
// Address ids are contiguous: customer c owns addresses first_address_id(c) .. + count - 1, from an
// index of address counts built once.
#ifndef MIGRATE_SCRIPTS_GENERATOR_CUSTOMERS_H_
#define MIGRATE_SCRIPTS_GENERATOR_CUSTOMERS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "generator/scale.h"
#include "generator/table_spec.h"
#include "generator/text.h"

namespace migrate::generator {

struct CustomerAddressFacts {
  uint32_t id = 0;
  uint32_t customer_id = 0;
  PersonName name;
  PostalAddress address;
  int64_t created_at = 0;
  int64_t updated_at = 0;  // 0: never updated, the zero date
  std::optional<std::string> vat_id;
};

struct CustomerFacts {
  uint32_t id = 0;
  uint16_t website_id = 1;
  uint16_t store_id = 1;
  uint16_t group_id = 1;
  PersonName name;
  std::string email;
  int64_t created_at = 0;
  int64_t updated_at = 0;  // 0: the zero date
  bool is_active = true;
  int gender = 0;      // 0 unknown, else the option id (1 male, 2 female)
  int64_t dob = 0;     // 0: not given
  std::string taxvat;  // empty: not given
  std::string password_hash;
  bool has_reset_token = false;
  uint32_t first_address_id = 0;
  uint32_t address_count = 0;
  uint32_t default_billing = 0;   // 0: none
  uint32_t default_shipping = 0;  // 0: none
  bool subscribed = false;        // to the newsletter
};

// Where a customer belongs: cheap to draw, for picking order stores without building the customer.
struct CustomerHome {
  uint16_t website_id = 1;
  uint16_t store_id = 1;
  uint16_t group_id = 1;
};

class Customers {
 public:
  Customers(uint64_t seed, const Scale& scale);

  uint64_t seed() const { return seed_; }
  uint32_t count() const { return count_; }
  uint32_t addresses() const { return first_address_id_.back() - 1; }

  CustomerHome Home(uint32_t customer_id) const;
  CustomerFacts Customer(uint32_t customer_id) const;
  // The index-th (0-based) address of a customer.
  CustomerAddressFacts Address(const CustomerFacts& customer, uint32_t index) const;

 private:
  uint32_t AddressCount(uint32_t customer_id) const;

  uint64_t seed_;
  uint32_t count_;
  std::vector<uint32_t> first_address_id_;  // [customer_id - 1]; one more entry at the end
};

// customer_entity (+_varchar/_int/_datetime/_decimal/_text), customer_address_entity (+ its value
// tables). `customers` must outlive the tables.
void AddCustomerTables(const Customers& customers, TableList& tables);

}  // namespace migrate::generator

#endif  // MIGRATE_SCRIPTS_GENERATOR_CUSTOMERS_H_
