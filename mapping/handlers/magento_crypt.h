// Magento's encrypted values: Magento 1's decrypted with its crypt_key, Magento 2's written.
//
// Magento1Decryptor reads what Mage_Core_Model_Encryption (mcrypt Blowfish ECB) and the EE's
// Enterprise_Pci_Model_Encryption ("<key version>:<cipher version>:<iv>:<data>", Rijndael CBC) wrote,
// as Migration\Handler\Encrypt does: a value of four ':'-separated parts is Rijndael CBC with the
// third part as IV, whose length gives the block size (16 bytes: Rijndael-128 = AES, the DMT's
// reading; 32 bytes: Rijndael-256, what the EE writes); any other value is Blowfish ECB over the
// whole value. Data is PHP's lenient base64_decode() of it, zero-padded to whole blocks as mcrypt
// does; the plaintext loses trailing NULs (Magento's Crypt) and PHP's trim() whitespace (the handler).
// Blowfish and AES run on OpenSSL (Blowfish through OpenSSL 3's legacy provider); Rijndael-256, which
// OpenSSL lacks, on libmcrypt, the library PHP's mcrypt extension wrapped.
//
// Magento2Encryptor writes what Magento\Framework\Encryption\Encryptor::encrypt() writes today:
// "<key version>:3:" . base64(nonce . ciphertext) with libsodium's ChaCha20-Poly1305 IETF (12-byte
// random nonce, also the additional data). The key string is env.php's crypt/key: keys separated by
// whitespace, the last one current (its position is the key version); a key written "base64..." is
// decoded (Magento 2.4.7+).
//
// Both are immutable and safe to use from many threads at once.
#ifndef MIGRATE_MAPPING_HANDLERS_MAGENTO_CRYPT_H_
#define MIGRATE_MAPPING_HANDLERS_MAGENTO_CRYPT_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace migrate::mapping::crypt {

// PHP's base64_decode() without $strict: characters outside the alphabet and '=' are skipped.
std::string PhpBase64Decode(absl::string_view text);

class Magento1Decryptor {
 public:
  explicit Magento1Decryptor(std::string key) : key_(std::move(key)) {}

  // The plaintext of `value`. Errors as Magento's Crypt gives them: a key longer than the cipher
  // takes ("Key must not exceed 56 bytes."), an IV of another size.
  absl::StatusOr<std::string> Decrypt(absl::string_view value) const;

 private:
  std::string key_;
};

class Magento2Encryptor {
 public:
  // InvalidArgumentError when no key is given or the current one is not 32 bytes long.
  static absl::StatusOr<Magento2Encryptor> Create(absl::string_view crypt_keys);

  std::string Encrypt(absl::string_view plaintext) const;

 private:
  Magento2Encryptor(std::string key, std::string prefix)
      : key_(std::move(key)), prefix_(std::move(prefix)) {}

  std::string key_;
  // "<key version>:3:".
  std::string prefix_;
};

}  // namespace migrate::mapping::crypt

#endif  // MIGRATE_MAPPING_HANDLERS_MAGENTO_CRYPT_H_
