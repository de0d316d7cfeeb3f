// Rows the 1.6.1.0 sample (../shared/fixtures) lacks, for tests that run the stock steps on it:
// sales with Magento 1's grids and increments, Magento 2.4's MSI tables for the destination, and
// customers with every kind of password hash, EAV values of static attributes and addresses,
// visitors, a configurable product with super attribute prices, and custom URL rewrites.
#ifndef MIGRATE_TESTS_STAGES_STOCK_SAMPLE_ROWS_H_
#define MIGRATE_TESTS_STAGES_STOCK_SAMPLE_ROWS_H_

namespace migrate::testing {

// Sales of a 1.6.1.0 shop (stores 1 English and 3 French), with Magento 1's type ids: order 4,
// invoice 18, shipment 24, creditmemo 28.
inline constexpr char kSales[] = R"(
  INSERT INTO sales_flat_order (entity_id, increment_id, store_id, store_name, state, status, customer_email,
      customer_firstname, customer_lastname, customer_group_id, base_grand_total, grand_total, base_subtotal,
      base_shipping_amount, base_total_paid, total_paid, total_refunded, base_currency_code, order_currency_code,
      shipping_description, created_at, updated_at, billing_address_id, shipping_address_id, total_item_count) VALUES
    (1, '100000001', 1, 'Main Website\nMain Store\nEnglish', 'complete', 'complete', 'ann@example.com', 'Ann', 'Lee',
     1, 110.0000, 110.0000, 100.0000, 10.0000, 110.0000, 110.0000, NULL, 'USD', 'USD', 'Flat Rate - Fixed',
     '2011-10-01 10:00:00', '2011-10-02 10:00:00', 1, 2, 1),
    (2, '100000002', 1, 'Main Website\nMain Store\nEnglish', 'processing', 'processing', 'gus@example.com', NULL,
     'Guest', 0, 20.0000, 20.0000, 15.0000, 5.0000, 20.0000, 20.0000, NULL, 'USD', 'USD', 'Flat Rate - Fixed',
     '2011-10-03 10:00:00', '2011-10-03 10:00:00', 3, 4, 1),
    (3, '300000001', 3, 'Main Website\nMain Store\nFrench', 'closed', 'closed', 'bo@example.com', 'Bo', 'Berg', 1,
     50.0000, 50.0000, 50.0000, 0.0000, 50.0000, 50.0000, 50.0000, 'USD', 'EUR', NULL, '2011-10-04 10:00:00',
     '2011-10-05 10:00:00', 5, NULL, 1);
  INSERT INTO sales_flat_order_address (entity_id, parent_id, address_type, firstname, lastname, street, city,
                                        region, postcode, country_id) VALUES
    (1, 1, 'billing', 'Ann', 'Lee', '1 Main St', 'Springfield', 'Oregon', '97001', 'US'),
    (2, 1, 'shipping', 'Ann', 'Shipper', '2 Dock Rd', 'Portland', NULL, '97002', 'US'),
    (3, 2, 'billing', 'Gus', 'Guest', 'Via Roma 3', 'Rome', NULL, '00100', 'IT'),
    (4, 2, 'shipping', 'Gus', 'Guest', 'Via Roma 3', 'Rome', 'Lazio', '00100', 'IT'),
    (5, 3, 'billing', 'Bo', 'Berg', '5 Rue Haute', 'Paris', NULL, '75001', 'FR');
  INSERT INTO sales_flat_order_payment (entity_id, parent_id, method) VALUES
    (1, 1, 'checkmo'), (2, 2, 'purchaseorder'), (3, 3, 'checkmo');
  INSERT INTO sales_flat_invoice (entity_id, order_id, increment_id, store_id, state, grand_total, base_grand_total,
      store_currency_code, order_currency_code, base_currency_code, global_currency_code, billing_address_id,
      shipping_address_id, created_at, updated_at) VALUES
    (1, 1, '100000001', 1, 2, 110.0000, 110.0000, 'USD', 'USD', 'USD', 'USD', 1, 2, '2011-10-01 11:00:00',
     '2011-10-01 11:00:00'),
    (2, 3, '300000001', 3, 2, 50.0000, 50.0000, 'USD', 'EUR', 'USD', 'USD', 5, NULL, '2011-10-04 11:00:00',
     '2011-10-04 11:00:00');
  INSERT INTO sales_flat_shipment (entity_id, order_id, increment_id, store_id, total_qty, billing_address_id,
      shipping_address_id, created_at, updated_at) VALUES
    (1, 1, '100000001', 1, 1.0000, 1, 2, '2011-10-02 09:00:00', '2011-10-02 09:00:00');
  INSERT INTO sales_flat_creditmemo (entity_id, order_id, increment_id, store_id, state, base_grand_total, subtotal,
      shipping_amount, adjustment_positive, adjustment_negative, billing_address_id, created_at, updated_at) VALUES
    (1, 3, '300000001', 3, 2, 50.0000, 50.0000, 0.0000, 0.0000, 0.0000, 5, '2011-10-05 10:00:00',
     '2011-10-05 10:00:00');
  -- Magento 1's grids: order 3 is missing from its order grid, as after an extension's direct insert.
  INSERT INTO sales_flat_order_grid (entity_id, increment_id, store_id) VALUES (1, '100000001', 1), (2, '100000002', 1);
  INSERT INTO sales_flat_invoice_grid (entity_id, order_id, increment_id) VALUES (1, 1, '100000001'),
                                                                                 (2, 3, '300000001');
  INSERT INTO sales_flat_shipment_grid (entity_id, order_id, increment_id) VALUES (1, 1, '100000001');
  INSERT INTO sales_flat_creditmemo_grid (entity_id, order_id, increment_id) VALUES (1, 3, '300000001');
  INSERT INTO eav_entity_store (entity_type_id, store_id, increment_prefix, increment_last_id) VALUES
    (4, 1, '1', '100000002'), (4, 3, '3', '300000001'), (18, 1, '1', '100000001'), (18, 3, '3', '300000001'),
    (24, 1, '1', '100000001'), (28, 3, '3', '300000001');
  INSERT INTO rating (rating_id, entity_id, rating_code, position) VALUES (4, 1, 'Looks', 0);
  INSERT INTO rating_store (rating_id, store_id) VALUES (4, 0);
)";

// Magento 2.4's MSI tables with Magento_Inventory's default source and stock.
inline constexpr char kMsi[] = R"(
  INSERT INTO setup_module VALUES ('Magento_Inventory', '1.2.5', '1.2.5');
  CREATE TABLE inventory_source (source_code VARCHAR(255) NOT NULL, name VARCHAR(255) NOT NULL,
    enabled SMALLINT UNSIGNED NOT NULL DEFAULT 1, description TEXT, latitude DECIMAL(8,6), longitude DECIMAL(9,6),
    country_id VARCHAR(2) NOT NULL, region_id INT UNSIGNED, region VARCHAR(255), city VARCHAR(255),
    street VARCHAR(255), postcode VARCHAR(255) NOT NULL, contact_name VARCHAR(255), email VARCHAR(255),
    phone VARCHAR(255), fax VARCHAR(255), use_default_carrier_config SMALLINT UNSIGNED NOT NULL DEFAULT 1,
    PRIMARY KEY (source_code)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;
  INSERT INTO inventory_source (source_code, name, enabled, country_id, postcode) VALUES
    ('default', 'Default Source', 1, 'US', '00000');
  CREATE TABLE inventory_stock (stock_id INT UNSIGNED NOT NULL AUTO_INCREMENT, name VARCHAR(255) NOT NULL,
    PRIMARY KEY (stock_id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;
  INSERT INTO inventory_stock VALUES (1, 'Default Stock');
  CREATE TABLE inventory_source_item (source_item_id INT UNSIGNED NOT NULL AUTO_INCREMENT,
    source_code VARCHAR(255) NOT NULL, sku VARCHAR(64) NOT NULL, quantity DECIMAL(12,4) NOT NULL DEFAULT 0.0000,
    status SMALLINT UNSIGNED NOT NULL DEFAULT 0, PRIMARY KEY (source_item_id),
    UNIQUE KEY INVENTORY_SOURCE_ITEM_SOURCE_CODE_SKU (source_code, sku),
    CONSTRAINT INVENTORY_SOURCE_ITEM_SOURCE_CODE_INVENTORY_SOURCE_SOURCE_CODE FOREIGN KEY (source_code)
      REFERENCES inventory_source (source_code) ON DELETE CASCADE) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;
  CREATE TABLE inventory_stock_sales_channel (type VARCHAR(64) NOT NULL, code VARCHAR(64) NOT NULL,
    stock_id INT UNSIGNED NOT NULL, PRIMARY KEY (type, code),
    CONSTRAINT INVENTORY_STOCK_SALES_CHANNEL_STOCK_ID_INVENTORY_STOCK_STOCK_ID FOREIGN KEY (stock_id)
      REFERENCES inventory_stock (stock_id) ON DELETE CASCADE) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;
  INSERT INTO inventory_stock_sales_channel VALUES ('website', 'base', 1);
  CREATE TABLE inventory_shipment_source (shipment_id INT UNSIGNED NOT NULL, source_code VARCHAR(255) NOT NULL,
    PRIMARY KEY (shipment_id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;
)";

// Customers 101-104 (md5, sha256, sha512 and bare md5 password hashes) with names, a birth date,
// gender and default addresses, and their addresses 201 and 202.
inline constexpr char kCustomerRows[] = R"SQL(
SET @c := (SELECT entity_type_id FROM eav_entity_type WHERE entity_type_code = 'customer');
SET @a := (SELECT entity_type_id FROM eav_entity_type WHERE entity_type_code = 'customer_address');
INSERT INTO customer_entity (entity_id, entity_type_id, attribute_set_id, website_id, email, group_id, store_id, created_at, updated_at, is_active) VALUES
  (101, @c, 0, 1, 'md5@example.com', 1, 1, '2012-01-01 10:00:00', '2012-01-02 10:00:00', 1),
  (102, @c, 0, 1, 'sha256@example.com', 1, 1, '2012-01-01 10:00:00', '2012-01-02 10:00:00', 1),
  (103, @c, 0, 1, 'sha512@example.com', 1, 1, '2012-01-01 10:00:00', '2012-01-02 10:00:00', 1),
  (104, @c, 0, 1, 'bare@example.com', 2, 1, '2012-01-01 10:00:00', '2012-01-02 10:00:00', 1);
INSERT INTO customer_entity_varchar (entity_type_id, attribute_id, entity_id, value)
  SELECT @c, attribute_id, e.id, e.v FROM eav_attribute a JOIN (
    SELECT 101 id, 'firstname' code, 'Ann' v UNION ALL SELECT 101, 'lastname', 'Md' UNION ALL
    SELECT 101, 'password_hash', CONCAT(MD5('saltsecret'), ':salt') UNION ALL
    SELECT 102, 'firstname', 'Bo' UNION ALL SELECT 102, 'lastname', 'Sha' UNION ALL
    SELECT 102, 'password_hash', CONCAT(SHA2('saltsecret', 256), ':salt') UNION ALL
    SELECT 103, 'firstname', 'Cy' UNION ALL SELECT 103, 'lastname', 'Five' UNION ALL
    SELECT 103, 'password_hash', CONCAT(SHA2('saltsecret', 512), ':salt') UNION ALL
    SELECT 104, 'firstname', 'Di' UNION ALL SELECT 104, 'password_hash', MD5('secret') UNION ALL
    SELECT 104, 'created_in', 'Default Store View') e ON e.code = a.attribute_code WHERE a.entity_type_id = @c;
INSERT INTO customer_entity_datetime (entity_type_id, attribute_id, entity_id, value)
  SELECT @c, attribute_id, 101, '1980-05-06 00:00:00' FROM eav_attribute WHERE entity_type_id = @c AND attribute_code = 'dob';
INSERT INTO customer_entity_int (entity_type_id, attribute_id, entity_id, value)
  SELECT @c, attribute_id, 101, 201 FROM eav_attribute WHERE entity_type_id = @c AND attribute_code IN ('default_billing', 'default_shipping')
  UNION ALL SELECT @c, attribute_id, 101, 2 FROM eav_attribute WHERE entity_type_id = @c AND attribute_code = 'gender';
INSERT INTO customer_address_entity (entity_id, entity_type_id, attribute_set_id, parent_id, created_at, updated_at, is_active) VALUES
  (201, @a, 0, 101, '2012-01-01 10:00:00', '2012-01-01 10:00:00', 1), (202, @a, 0, 102, '2012-01-01 10:00:00', '2012-01-01 10:00:00', 1);
INSERT INTO customer_address_entity_varchar (entity_type_id, attribute_id, entity_id, value)
  SELECT @a, attribute_id, e.id, e.v FROM eav_attribute a JOIN (
    SELECT 201 id, 'firstname' code, 'Ann' v UNION ALL SELECT 201, 'lastname', 'Md' UNION ALL SELECT 201, 'city', 'Berlin' UNION ALL
    SELECT 201, 'country_id', 'DE' UNION ALL SELECT 201, 'postcode', '10115' UNION ALL SELECT 201, 'telephone', '030 1' UNION ALL
    SELECT 202, 'firstname', 'Bo' UNION ALL SELECT 202, 'city', 'Paris' UNION ALL SELECT 202, 'country_id', 'FR') e
    ON e.code = a.attribute_code WHERE a.entity_type_id = @a;
INSERT INTO customer_address_entity_text (entity_type_id, attribute_id, entity_id, value)
  SELECT @a, attribute_id, 201, 'Unter den Linden 1\nHof 2' FROM eav_attribute WHERE entity_type_id = @a AND attribute_code = 'street';
INSERT INTO customer_address_entity_int (entity_type_id, attribute_id, entity_id, value)
  SELECT @a, attribute_id, 201, 82 FROM eav_attribute WHERE entity_type_id = @a AND attribute_code = 'region_id';
)SQL";

// Visitors, two with logins (visitor 1 logged in twice: the later login counts), one without.
inline constexpr char kVisitors[] = R"(
  INSERT INTO log_visitor (visitor_id, session_id, first_visit_at, last_visit_at, last_url_id, store_id) VALUES
    (1, 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5', '2024-01-02 03:04:05', '2024-01-02 04:00:00', 0, 1),
    (2, 'session-two', NULL, '2024-02-01 10:00:00', 0, 1),
    (3, 'session-three', '2024-03-01 00:00:00', '2024-03-01 01:00:00', 0, 2);
  INSERT INTO log_customer (log_id, visitor_id, customer_id, login_at, logout_at, store_id) VALUES
    (1, 1, 5, '2024-01-02 03:10:00', NULL, 1), (2, 1, 7, '2024-01-02 03:50:00', NULL, 1),
    (3, 3, 9, '2024-03-01 00:10:00', NULL, 2);
)";

// Configurable 9001 (price 100, 120 in store 1) with children 9002 (shoe_size 37, shirt_size 100)
// and 9003 (shoe_size 38, shirt_size 100). Prices on website 0: shoe_size 37 +5, shirt_size 100
// +10 %; on website 1: shoe_size 37 +7.
inline constexpr char kConfigurable[] = R"(
  INSERT INTO catalog_product_entity (entity_id, entity_type_id, attribute_set_id, type_id, sku, has_options,
                                      required_options, created_at, updated_at)
    SELECT n.id, 10, p.attribute_set_id, n.type, n.sku, 0, 0, NOW(), NOW() FROM catalog_product_entity p
    JOIN (SELECT 9001 id, 'configurable' type, 'dmt-cfg' sku UNION ALL SELECT 9002, 'simple', 'dmt-cfg-a'
          UNION ALL SELECT 9003, 'simple', 'dmt-cfg-b') n WHERE p.entity_id = 83;
  INSERT INTO catalog_product_entity_decimal (entity_type_id, attribute_id, store_id, entity_id, value)
    SELECT 10, (SELECT attribute_id FROM eav_attribute WHERE entity_type_id = 10 AND attribute_code = 'price'), s, e, v
    FROM (SELECT 0 s, 9001 e, 100 v UNION ALL SELECT 1, 9001, 120 UNION ALL SELECT 0, 9002, 50
          UNION ALL SELECT 0, 9003, 50) n;
  INSERT INTO catalog_product_entity_int (entity_type_id, attribute_id, store_id, entity_id, value) VALUES
    (10, 502, 0, 9002, 37), (10, 525, 0, 9002, 100), (10, 502, 0, 9003, 38), (10, 525, 0, 9003, 100);
  INSERT INTO catalog_product_super_attribute (product_super_attribute_id, product_id, attribute_id, position)
    VALUES (901, 9001, 502, 0), (902, 9001, 525, 1);
  INSERT INTO catalog_product_super_attribute_pricing (value_id, product_super_attribute_id, value_index,
                                                       is_percent, pricing_value, website_id)
    VALUES (901, 901, '37', 0, 5, 0), (902, 902, '100', 1, 10, 0), (903, 901, '37', 0, 7, 1);
  INSERT INTO catalog_product_super_link (link_id, product_id, parent_id) VALUES (901, 9002, 9001),
                                                                                 (902, 9003, 9001);
)";

// Custom rewrites: a permanent redirect, a temporary one for a product, a plain one.
inline constexpr char kCustomRewrites[] = R"(
  INSERT INTO core_url_rewrite (url_rewrite_id, store_id, category_id, product_id, id_path, request_path,
                                target_path, is_system, options, description) VALUES
    (5001, 1, NULL, NULL, 'custom/1', 'old-page.html', 'new-page.html', 0, 'RP', 'moved for good'),
    (5002, 2, NULL, 83, 'custom/2', 'promo-shoe.html', 'catalog/product/view/id/83', 0, 'R', NULL),
    (5003, 3, NULL, NULL, 'custom/3', 'plain.html', 'plain-target.html', 0, '', NULL);
)";

// A system rewrite that redirects, and the sample's inactive second 'home' page (all stores)
// active, so that two pages claim 'home' in store 1.
inline constexpr char kRewriteRedirectAndSecondHome[] = R"(
  UPDATE core_url_rewrite SET options = 'RP' WHERE url_rewrite_id = 2;
  UPDATE cms_page SET is_active = 1 WHERE page_id = 5;
)";

}  // namespace migrate::testing

#endif  // MIGRATE_TESTS_STAGES_STOCK_SAMPLE_ROWS_H_
