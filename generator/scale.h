// How many of each entity a catalog of N products has. --products is the generator's one scale
// knob; every other count follows from it, so that 100,000 products give about 7 million rows.
#ifndef MIGRATE_SCRIPTS_GENERATOR_SCALE_H_
#define MIGRATE_SCRIPTS_GENERATOR_SCALE_H_

#include <cstdint>

namespace migrate::generator {

struct Scale {
  uint32_t products = 0;
  uint32_t categories = 0;  // including the tree's three roots
  uint32_t customers = 0;
  uint32_t orders = 0;
  // Abandoned carts: quotes that never became orders, on top of the orders' own quotes.
  uint32_t abandoned_quotes = 0;
  uint32_t reviews = 0;
  // Newsletter subscribers without a customer account.
  uint32_t guest_subscribers = 0;

  static Scale ForProducts(uint32_t products);
};

}  // namespace migrate::generator

#endif  // MIGRATE_SCRIPTS_GENERATOR_SCALE_H_
