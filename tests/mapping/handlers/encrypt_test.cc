// Encrypt: Magento 1 values (Blowfish ECB, AES and Rijndael-256 CBC) decrypted with a known key, made
// by PHP's OpenSSL and by libmcrypt, and written the Magento 2 way, checked by decrypting with
// libsodium.
#include <sodium.h>

#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mapping/handlers/magento_crypt.h"
#include "tests/mapping/handlers/content_test_support.h"
#include "tests/mapping/handlers/fake_field_values.h"

namespace migrate::mapping {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kMagento1Key[] = "f3e25abe619dae2387df9961594b0789";
// A Magento 2.4.7+ key: "base64" and 32 random bytes.
constexpr char kMagento2Key[] = "base64AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

std::string Magento2KeyBytes() {
  std::string key;
  for (int i = 0; i < 32; ++i) key.push_back(static_cast<char>(i));
  return key;
}

// Magento 2's SodiumChachaIetf::decrypt() of a "<version>:3:<base64>" value, checking the prefix.
std::string Magento2Decrypt(const std::string& value, const std::string& key,
                            const std::string& prefix = "0:3:") {
  EXPECT_TRUE(absl::StartsWith(value, prefix)) << value;
  std::string sealed;
  EXPECT_TRUE(absl::Base64Unescape(value.substr(prefix.size()), &sealed));
  constexpr size_t kNonce = crypto_aead_chacha20poly1305_IETF_NPUBBYTES;
  if (sealed.size() < kNonce + crypto_aead_chacha20poly1305_IETF_ABYTES) return "<short>";
  std::string plain(sealed.size(), '\0');
  unsigned long long size = 0;
  const auto* nonce = reinterpret_cast<const unsigned char*>(sealed.data());
  if (crypto_aead_chacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(plain.data()), &size, nullptr, nonce + kNonce,
          sealed.size() - kNonce, nonce, kNonce, nonce,
          reinterpret_cast<const unsigned char*>(key.data())) != 0) {
    return "<forged>";
  }
  plain.resize(size);
  return plain;
}

HandlerContext Context(const Config* config) {
  HandlerContext context = ContextFor("sales_flat_quote_payment", "cc_number_enc", {"payment_id", "cc_number_enc"});
  context.config = config;
  return context;
}

Rows Values(const std::vector<Cell>& values) {
  Rows rows;
  for (const Cell& value : values) rows.push_back({"1", value});
  return rows;
}

TEST(EncryptTest, DecryptsMagento1FormatsAndWritesMagento2s) {
  const Config config = ConfigWithOptions({{"crypt_key", kMagento1Key}, {"crypt_key_destination", kMagento2Key}});
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\Encrypt"), Context(&config),
                                Values({
                                    // openssl_encrypt(..., "bf-ecb", key, RAW|ZERO_PADDING) in PHP.
                                    "ldUL46jnob7B+TSjh5c6DA==",
                                    "VjlciZpg83ltcOSy4+DstFT1lc0yBr3d",
                                    "qB4ynEO/+YE=",
                                    // The same, AES-256-CBC with a 16-byte IV.
                                    "0:1:0123456789abcdef:MrTCfkFPL6maZM34oaQ0nA==",
                                    // The EE's Rijndael-256 CBC, made with libmcrypt ("ee-secret  ").
                                    "0:2:abcdefghijklmnopqrstuvwxyzABCDEF:q2U6Gsz9hbSWcJg9LX3Pd69gQiMXKSaMzmBIwI58AU8=",
                                }));
  ASSERT_TRUE(result.status.ok()) << result.status;
  std::vector<std::string> plain;
  for (const Cell& cell : Column(result.rows, 1)) plain.push_back(Magento2Decrypt(*cell, Magento2KeyBytes()));
  EXPECT_THAT(plain, ElementsAre("4111111111111111", "paypal-api-password!", "x", "secret-aes", "ee-secret"));
}

TEST(EncryptTest, EmptyValuesStayWithoutNeedingKeys) {
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\Encrypt"), Context(nullptr),
                                Values({std::nullopt, "", "0"}));
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 1), ElementsAre(std::nullopt, "", "0"));
}

TEST(EncryptTest, WithoutCryptKeyMagentosMessage) {
  const Config config = ConfigWithOptions({{"crypt_key_destination", kMagento2Key}});
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\Encrypt"), Context(&config), Values({"qB4ynEO/+YE="}));
  EXPECT_EQ(result.status.message(), "\"crypt_key\" option is not defined the configuration.");
  const Config no_destination = ConfigWithOptions({{"crypt_key", kMagento1Key}});
  result = RunHandler(Ref("\\Migration\\Handler\\Encrypt"), Context(&no_destination), Values({"qB4ynEO/+YE="}));
  EXPECT_EQ(result.status.message(), "\"crypt_key_destination\" option is not defined the configuration.");
}

TEST(EncryptTest, KeyVersionIsThePositionOfTheLastKey) {
  const std::string hex_key = "0123456789abcdef0123456789abcdef";
  const Config config =
      ConfigWithOptions({{"crypt_key", kMagento1Key}, {"crypt_key_destination", "oldkey\n " + hex_key}});
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\Encrypt"), Context(&config), Values({"qB4ynEO/+YE="}));
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_EQ(Magento2Decrypt(*result.rows[0][1], hex_key, "1:3:"), "x");
}

TEST(EncryptTest, AWrongDestinationKeyFailsAtCreation) {
  const Config config = ConfigWithOptions({{"crypt_key", kMagento1Key}, {"crypt_key_destination", "short"}});
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\Encrypt"), Context(&config), Values({}));
  EXPECT_THAT(result.status.message(), HasSubstr("map.xml:7"));
  EXPECT_THAT(result.status.message(), HasSubstr("SODIUM_CRYPTO_AEAD_CHACHA20POLY1305_IETF_KEYBYTES"));
}

TEST(EncryptTest, MagentosCryptErrors) {
  crypt::Magento1Decryptor long_key(std::string(57, 'k'));
  EXPECT_EQ(long_key.Decrypt("qB4ynEO/+YE=").status().message(), "Key must not exceed 56 bytes.");
  crypt::Magento1Decryptor decryptor(kMagento1Key);
  EXPECT_EQ(decryptor.Decrypt("0:2:shortiv:qB4ynEO/+YE=").status().message(),
            "Init vector must be a string of 16 or 32 bytes.");
}

TEST(EncryptTest, SettingsEncryptHandlesTheValueField) {
  const Config config = ConfigWithOptions({{"crypt_key", kMagento1Key}, {"crypt_key_destination", kMagento2Key}});
  HandlerContext context = ContextFor("core_config_data", "value", {"config_id", "path", "value"});
  context.config = &config;
  RunResult result = RunHandler(Ref("\\Migration\\Handler\\Settings\\Encrypt"), context,
                                {{"1", "paypal/wpp/api_password", "qB4ynEO/+YE="}});
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_EQ(Magento2Decrypt(*result.rows[0][2], Magento2KeyBytes()), "x");
}

TEST(PhpBase64DecodeTest, SkipsWhatIsNotBase64AsPhpDoes) {
  EXPECT_EQ(crypt::PhpBase64Decode("eA=="), "x");
  EXPECT_EQ(crypt::PhpBase64Decode("e A\n=="), "x");
  EXPECT_EQ(crypt::PhpBase64Decode("eHl6"), "xyz");
  EXPECT_EQ(crypt::PhpBase64Decode("e"), "");
}

}  // namespace
}  // namespace migrate::mapping
