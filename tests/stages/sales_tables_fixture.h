// Hand-made Magento 2 sales tables and grids (only the columns OrderGrids reads and writes) and
// Magento 1's base tables and grids, shared by the OrderGrids tests of its data and delta stages.
#ifndef MIGRATE_TESTS_STAGES_SALES_TABLES_FIXTURE_H_
#define MIGRATE_TESTS_STAGES_SALES_TABLES_FIXTURE_H_

namespace migrate::testing {

inline constexpr char kSalesTables[] = R"(
  CREATE TABLE sales_order (entity_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, state VARCHAR(32),
    status VARCHAR(32), store_id SMALLINT UNSIGNED, store_name VARCHAR(255), customer_id INT UNSIGNED,
    base_grand_total DECIMAL(20,4), base_total_paid DECIMAL(20,4), grand_total DECIMAL(20,4),
    total_paid DECIMAL(20,4), increment_id VARCHAR(32), base_currency_code VARCHAR(3),
    order_currency_code VARCHAR(255), created_at TIMESTAMP NULL, updated_at TIMESTAMP NULL,
    customer_email VARCHAR(128), total_refunded DECIMAL(20,4), shipping_description VARCHAR(255),
    customer_group_id INT, base_subtotal DECIMAL(20,4), base_shipping_amount DECIMAL(20,4),
    customer_firstname VARCHAR(128), customer_lastname VARCHAR(128), shipping_address_id INT,
    billing_address_id INT);
  CREATE TABLE sales_order_address (entity_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, parent_id INT UNSIGNED,
    address_type VARCHAR(255), firstname VARCHAR(255), lastname VARCHAR(255), street VARCHAR(255),
    city VARCHAR(255), region VARCHAR(255), postcode VARCHAR(255));
  CREATE TABLE sales_order_payment (entity_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    parent_id INT UNSIGNED NOT NULL, method VARCHAR(128));
  CREATE TABLE sales_invoice (entity_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    order_id INT UNSIGNED NOT NULL,
    increment_id VARCHAR(50), state INT, store_id SMALLINT UNSIGNED, store_currency_code VARCHAR(3),
    order_currency_code VARCHAR(3), base_currency_code VARCHAR(3), global_currency_code VARCHAR(3),
    grand_total DECIMAL(20,4), base_grand_total DECIMAL(20,4), created_at TIMESTAMP NULL, updated_at TIMESTAMP NULL,
    shipping_address_id INT, billing_address_id INT);
  CREATE TABLE sales_shipment (entity_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    order_id INT UNSIGNED NOT NULL,
    increment_id VARCHAR(50), store_id SMALLINT UNSIGNED, total_qty DECIMAL(12,4), shipment_status INT,
    created_at TIMESTAMP NULL, updated_at TIMESTAMP NULL, shipping_address_id INT, billing_address_id INT);
  CREATE TABLE sales_creditmemo (entity_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    order_id INT UNSIGNED NOT NULL,
    increment_id VARCHAR(50), state INT, store_id SMALLINT UNSIGNED, base_grand_total DECIMAL(20,4),
    subtotal DECIMAL(20,4), shipping_amount DECIMAL(20,4), adjustment_positive DECIMAL(20,4),
    adjustment_negative DECIMAL(20,4), created_at TIMESTAMP NULL, updated_at TIMESTAMP NULL,
    shipping_address_id INT, billing_address_id INT);
  CREATE TABLE sales_order_grid (entity_id INT UNSIGNED NOT NULL PRIMARY KEY, status VARCHAR(32),
    store_id SMALLINT UNSIGNED, store_name VARCHAR(255), customer_id INT UNSIGNED, base_grand_total DECIMAL(20,4),
    base_total_paid DECIMAL(20,4), grand_total DECIMAL(20,4), total_paid DECIMAL(20,4), increment_id VARCHAR(50),
    base_currency_code VARCHAR(3), order_currency_code VARCHAR(255), shipping_name VARCHAR(255),
    billing_name VARCHAR(255), created_at TIMESTAMP NULL, updated_at TIMESTAMP NULL, billing_address VARCHAR(255),
    shipping_address VARCHAR(255), shipping_information VARCHAR(255), customer_email VARCHAR(255),
    customer_group VARCHAR(255), subtotal DECIMAL(20,4), shipping_and_handling DECIMAL(20,4),
    customer_name VARCHAR(255), payment_method VARCHAR(255), total_refunded DECIMAL(20,4));
  CREATE TABLE sales_invoice_grid (entity_id INT UNSIGNED NOT NULL PRIMARY KEY, increment_id VARCHAR(50), state INT,
    store_id SMALLINT UNSIGNED, store_name VARCHAR(255), order_id INT UNSIGNED NOT NULL,
    order_increment_id VARCHAR(50), order_created_at TIMESTAMP NULL, customer_name VARCHAR(255) NOT NULL,
    customer_email VARCHAR(255), customer_group_id INT, payment_method VARCHAR(128),
    store_currency_code VARCHAR(3), order_currency_code VARCHAR(3), base_currency_code VARCHAR(3),
    global_currency_code VARCHAR(3), billing_name VARCHAR(255), billing_address VARCHAR(255),
    shipping_address VARCHAR(255), shipping_information VARCHAR(255), subtotal DECIMAL(20,4),
    shipping_and_handling DECIMAL(20,4), grand_total DECIMAL(20,4), created_at TIMESTAMP NULL,
    updated_at TIMESTAMP NULL, base_grand_total DECIMAL(20,4));
  CREATE TABLE sales_shipment_grid (entity_id INT UNSIGNED NOT NULL PRIMARY KEY, increment_id VARCHAR(50),
    store_id SMALLINT UNSIGNED, order_increment_id VARCHAR(32) NOT NULL, order_id INT UNSIGNED NOT NULL,
    order_created_at TIMESTAMP NULL, customer_name VARCHAR(128) NOT NULL, total_qty DECIMAL(12,4),
    shipment_status INT, order_status VARCHAR(32), billing_address VARCHAR(255), shipping_address VARCHAR(255),
    billing_name VARCHAR(128), shipping_name VARCHAR(128), customer_email VARCHAR(128), customer_group_id INT,
    payment_method VARCHAR(32), shipping_information VARCHAR(255), created_at TIMESTAMP NULL,
    updated_at TIMESTAMP NULL);
  CREATE TABLE sales_creditmemo_grid (entity_id INT UNSIGNED NOT NULL PRIMARY KEY, increment_id VARCHAR(50),
    created_at TIMESTAMP NULL, updated_at TIMESTAMP NULL, order_id INT UNSIGNED NOT NULL,
    order_increment_id VARCHAR(50), order_created_at TIMESTAMP NULL, billing_name VARCHAR(255), state INT,
    base_grand_total DECIMAL(20,4), order_status VARCHAR(32), store_id SMALLINT UNSIGNED,
    billing_address VARCHAR(255), shipping_address VARCHAR(255), customer_name VARCHAR(128) NOT NULL,
    customer_email VARCHAR(128), customer_group_id SMALLINT, payment_method VARCHAR(32),
    shipping_information VARCHAR(255), subtotal DECIMAL(20,4), shipping_and_handling DECIMAL(20,4),
    adjustment_positive DECIMAL(20,4), adjustment_negative DECIMAL(20,4), order_base_grand_total DECIMAL(20,4));
  -- A grid row Magento 2 held before: the step empties the grids first.
  INSERT INTO sales_order_grid (entity_id, increment_id) VALUES (99, 'stale');

  INSERT INTO sales_order VALUES
    (1, 'new', 'pending', 1, 'Main Website\nMain Store\nEnglish', 7, 110.0000, 0.0000, 110.0000, NULL, '100000001',
     'USD', 'USD', '2024-01-02 10:00:00', '2024-01-02 11:00:00', 'ann@example.com', NULL, 'Flat Rate - Fixed', 1,
     100.0000, 10.0000, 'Ann', 'Lee', 2, 1),
    (2, 'processing', 'processing', 1, 'Main Store', NULL, 20.0000, 20.0000, 20.0000, 20.0000, '100000002', 'USD',
     'USD', '2024-01-03 10:00:00', '2024-01-03 10:00:00', 'guest@example.com', 5.0000, NULL, 0, 15.0000, 5.0000,
     NULL, 'Guest', 4, 3),
    (5, 'complete', 'complete', 2, 'French', 8, 50.0000, 50.0000, 60.0000, 60.0000, '200000001', 'EUR', 'GBP',
     '2024-02-01 09:00:00', '2024-02-01 09:30:00', 'bo@example.com', NULL, 'Free', 2, 45.0000, 5.0000, 'Bo',
     NULL, NULL, NULL);
  INSERT INTO sales_order_address VALUES
    (1, 1, 'billing', 'Ann', 'Lee', '1 Main St', 'Springfield', 'Oregon', '97001'),
    (2, 1, 'shipping', 'Ann', 'Shipper', '2 Dock Rd', 'Portland', NULL, '97002'),
    (3, 2, 'billing', NULL, 'Guest', 'Via Roma 3', 'Rome', NULL, NULL),
    (4, 2, 'shipping', 'Gus', 'Guest', 'Via Roma 3', 'Rome', 'Lazio', '00100');
  INSERT INTO sales_order_payment VALUES (7, 1, 'checkmo'), (3, 2, 'paypal_express'), (9, 2, 'free');
  INSERT INTO sales_invoice VALUES
    (1, 1, '100000001', 2, 1, 'USD', 'USD', 'USD', 'USD', 110.0000, 110.0000, '2024-01-04 00:00:00',
     '2024-01-04 00:00:00', 2, 1),
    (2, 5, '200000001', 2, 2, 'EUR', 'GBP', 'EUR', 'EUR', 60.0000, 50.0000, '2024-02-02 00:00:00',
     '2024-02-02 00:00:00', NULL, NULL);
  INSERT INTO sales_shipment VALUES
    (1, 1, '100000001', 1, 3.0000, NULL, '2024-01-05 00:00:00', '2024-01-05 00:00:00', 2, 1);
  INSERT INTO sales_creditmemo VALUES
    (1, 2, '100000001', 2, 1, 5.0000, 3.0000, 2.0000, 1.0000, 0.5000, '2024-01-06 00:00:00',
     '2024-01-06 00:00:00', 4, 3);
)";

// Magento 1's base tables and grids, for the volume check and the log; the order grid lacks order 5.
inline constexpr char kSalesSource[] = R"(
  CREATE TABLE sales_flat_order (entity_id INT UNSIGNED NOT NULL PRIMARY KEY);
  CREATE TABLE sales_flat_invoice (entity_id INT UNSIGNED NOT NULL PRIMARY KEY);
  CREATE TABLE sales_flat_shipment (entity_id INT UNSIGNED NOT NULL PRIMARY KEY);
  CREATE TABLE sales_flat_creditmemo (entity_id INT UNSIGNED NOT NULL PRIMARY KEY);
  CREATE TABLE sales_flat_order_grid (entity_id INT UNSIGNED NOT NULL PRIMARY KEY);
  CREATE TABLE sales_flat_invoice_grid (entity_id INT UNSIGNED NOT NULL PRIMARY KEY);
  CREATE TABLE sales_flat_shipment_grid (entity_id INT UNSIGNED NOT NULL PRIMARY KEY);
  CREATE TABLE sales_flat_creditmemo_grid (entity_id INT UNSIGNED NOT NULL PRIMARY KEY);
  INSERT INTO sales_flat_order VALUES (1), (2), (5);
  INSERT INTO sales_flat_order_grid VALUES (1), (2);
  INSERT INTO sales_flat_invoice VALUES (1), (2);
  INSERT INTO sales_flat_invoice_grid VALUES (1), (2);
  INSERT INTO sales_flat_shipment VALUES (1);
  INSERT INTO sales_flat_shipment_grid VALUES (1);
  INSERT INTO sales_flat_creditmemo VALUES (1);
  INSERT INTO sales_flat_creditmemo_grid VALUES (1);
)";

// Magento 2's entity types (with Magento 1's sales type ids) and its sequence metadata tables, empty.
inline constexpr char kSequenceTables[] = R"(
  CREATE TABLE eav_entity_type (entity_type_id SMALLINT UNSIGNED NOT NULL PRIMARY KEY,
                                entity_type_code VARCHAR(50) NOT NULL);
  INSERT INTO eav_entity_type VALUES (1, 'customer'), (11, 'order'), (16, 'invoice'), (19, 'shipment'),
                                     (23, 'creditmemo');
  CREATE TABLE sales_sequence_meta (meta_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    entity_type VARCHAR(32) NOT NULL, store_id SMALLINT UNSIGNED NOT NULL, sequence_table VARCHAR(64) NOT NULL,
    UNIQUE KEY (entity_type, store_id));
  CREATE TABLE sales_sequence_profile (profile_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    meta_id INT UNSIGNED NOT NULL, prefix VARCHAR(32), suffix VARCHAR(32),
    start_value INT UNSIGNED NOT NULL DEFAULT 1, step INT UNSIGNED NOT NULL DEFAULT 1,
    max_value INT UNSIGNED NOT NULL, warning_value INT UNSIGNED NOT NULL, is_active TINYINT NOT NULL DEFAULT 0,
    UNIQUE KEY (meta_id, prefix, suffix));
)";

}  // namespace migrate::testing

#endif  // MIGRATE_TESTS_STAGES_SALES_TABLES_FIXTURE_H_
