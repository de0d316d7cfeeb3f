#include "generator/scale.h"

#include <algorithm>

namespace migrate::generator {

Scale Scale::ForProducts(uint32_t products) {
  Scale scale;
  scale.products = std::max<uint32_t>(products, 1);
  scale.categories = std::max<uint32_t>(scale.products / 50, 12);
  scale.customers = std::max<uint32_t>(scale.products / 2, 5);
  scale.orders = std::max<uint32_t>(scale.products, 5);
  scale.abandoned_quotes = scale.orders / 5;
  scale.reviews = std::max<uint32_t>(scale.products / 2, 5);
  scale.guest_subscribers = scale.customers / 10;
  return scale;
}

}  // namespace migrate::generator
