#include "mapping/handlers/magento_crypt.h"

#include <mcrypt.h>
#include <openssl/evp.h>
#include <openssl/provider.h>
#include <sodium.h>

#include <memory>
#include <mutex>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "mapping/handlers/php_truth.h"

namespace migrate::mapping::crypt {
namespace {

// OpenSSL's ciphers in a library context of our own, with the legacy provider (Blowfish) loaded
// beside the default one, so the process's default context stays as it was.
struct OpenSslCiphers {
  OSSL_LIB_CTX* context = OSSL_LIB_CTX_new();
  OSSL_PROVIDER* default_provider = OSSL_PROVIDER_load(context, "default");
  OSSL_PROVIDER* legacy_provider = OSSL_PROVIDER_load(context, "legacy");
  EVP_CIPHER* blowfish_ecb = EVP_CIPHER_fetch(context, "BF-ECB", nullptr);
  EVP_CIPHER* aes_128_cbc = EVP_CIPHER_fetch(context, "AES-128-CBC", nullptr);
  EVP_CIPHER* aes_192_cbc = EVP_CIPHER_fetch(context, "AES-192-CBC", nullptr);
  EVP_CIPHER* aes_256_cbc = EVP_CIPHER_fetch(context, "AES-256-CBC", nullptr);
};

const OpenSslCiphers& Ciphers() {
  static const OpenSslCiphers* ciphers = new OpenSslCiphers();
  return *ciphers;
}

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

// mcrypt's zero padding of data to whole blocks.
std::string PadToBlocks(std::string data, size_t block) {
  if (data.size() % block != 0) data.resize(data.size() + block - data.size() % block, '\0');
  return data;
}

// mcrypt's Rijndael keys: zero-padded to the next of 16, 24 and 32 bytes.
std::string RijndaelKey(absl::string_view key) {
  std::string padded(key);
  const size_t size = key.size() <= 16 ? 16 : key.size() <= 24 ? 24 : 32;
  padded.resize(size, '\0');
  return padded;
}

// A decryption context of `cipher` keyed with `key`, kept per thread: Blowfish's key schedule costs
// far more than decrypting a value, so it is set up once per key and only the IV is set per value.
EVP_CIPHER_CTX* KeyedContext(const EVP_CIPHER* cipher, absl::string_view key) {
  struct Keyed {
    const EVP_CIPHER* cipher = nullptr;
    std::string key;
    CipherContext context{nullptr, &EVP_CIPHER_CTX_free};
  };
  thread_local std::vector<Keyed> contexts;
  for (Keyed& keyed : contexts) {
    if (keyed.cipher == cipher && keyed.key == key) return keyed.context.get();
  }
  CipherContext context(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  if (context == nullptr || EVP_DecryptInit_ex2(context.get(), cipher, nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_set_key_length(context.get(), static_cast<int>(key.size())) != 1 ||
      EVP_CIPHER_CTX_set_padding(context.get(), 0) != 1 ||
      EVP_DecryptInit_ex2(context.get(), nullptr, reinterpret_cast<const unsigned char*>(key.data()),
                          nullptr, nullptr) != 1) {
    return nullptr;
  }
  contexts.push_back(Keyed{cipher, std::string(key), std::move(context)});
  return contexts.back().context.get();
}

absl::StatusOr<std::string> OpenSslDecrypt(const EVP_CIPHER* cipher, absl::string_view key,
                                           absl::string_view iv, const std::string& data) {
  if (cipher == nullptr) return absl::InternalError("OpenSSL lacks a cipher Magento 1 used");
  EVP_CIPHER_CTX* context = KeyedContext(cipher, key);
  const auto* iv_bytes = iv.empty() ? nullptr : reinterpret_cast<const unsigned char*>(iv.data());
  if (context == nullptr || EVP_DecryptInit_ex2(context, nullptr, nullptr, iv_bytes, nullptr) != 1) {
    return absl::InternalError("OpenSSL could not set up a Magento 1 cipher");
  }
  std::string plain(data.size(), '\0');
  int written = 0;
  int final_written = 0;
  auto* out = reinterpret_cast<unsigned char*>(plain.data());
  if (EVP_DecryptUpdate(context, out, &written,
                        reinterpret_cast<const unsigned char*>(data.data()),
                        static_cast<int>(data.size())) != 1 ||
      EVP_DecryptFinal_ex(context, out + written, &final_written) != 1) {
    return absl::InternalError("OpenSSL could not decrypt a Magento 1 value");
  }
  plain.resize(written + final_written);
  return plain;
}

absl::StatusOr<std::string> Rijndael256CbcDecrypt(absl::string_view key, absl::string_view iv,
                                                  std::string data) {
  // libmcrypt's module handling is not documented as thread-safe.
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  char algorithm[] = "rijndael-256";
  char mode[] = "cbc";
  MCRYPT module = mcrypt_module_open(algorithm, nullptr, mode, nullptr);
  if (module == MCRYPT_FAILED) return absl::InternalError("libmcrypt lacks rijndael-256");
  std::string padded_key = RijndaelKey(key);
  std::string iv_copy(iv);
  if (mcrypt_generic_init(module, padded_key.data(), static_cast<int>(padded_key.size()),
                          iv_copy.data()) < 0) {
    mcrypt_module_close(module);
    return absl::InternalError("libmcrypt could not set up rijndael-256");
  }
  const int failed = mdecrypt_generic(module, data.data(), static_cast<int>(data.size()));
  mcrypt_generic_deinit(module);
  mcrypt_module_close(module);
  if (failed != 0) return absl::InternalError("libmcrypt could not decrypt a Magento 1 value");
  return data;
}

// Magento's Crypt::decrypt() then the handler's trim().
std::string Unpad(absl::string_view plain) {
  while (!plain.empty() && plain.back() == '\0') plain.remove_suffix(1);
  return std::string(php::Trim(plain));
}

}  // namespace

std::string PhpBase64Decode(absl::string_view text) {
  std::string out;
  out.reserve(text.size() * 3 / 4);
  uint32_t bits = 0;
  int bit_count = 0;
  for (char c : text) {
    int value;
    if (c >= 'A' && c <= 'Z') {
      value = c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      value = c - 'a' + 26;
    } else if (c >= '0' && c <= '9') {
      value = c - '0' + 52;
    } else if (c == '+') {
      value = 62;
    } else if (c == '/') {
      value = 63;
    } else {
      continue;
    }
    bits = (bits << 6) | static_cast<uint32_t>(value);
    bit_count += 6;
    if (bit_count >= 8) {
      bit_count -= 8;
      out.push_back(static_cast<char>((bits >> bit_count) & 0xFF));
    }
  }
  return out;
}

absl::StatusOr<std::string> Magento1Decryptor::Decrypt(absl::string_view value) const {
  std::vector<absl::string_view> parts = absl::StrSplit(value, absl::MaxSplits(':', 3));
  if (parts.size() == 4) {
    const absl::string_view iv = parts[2];
    if (key_.size() > 32) return absl::InvalidArgumentError("Key must not exceed 32 bytes.");
    std::string data = PhpBase64Decode(parts[3]);
    if (data.empty()) return std::string();
    if (iv.size() == 16) {
      const std::string key = RijndaelKey(key_);
      const OpenSslCiphers& ciphers = Ciphers();
      const EVP_CIPHER* aes = key.size() == 16   ? ciphers.aes_128_cbc
                              : key.size() == 24 ? ciphers.aes_192_cbc
                                                 : ciphers.aes_256_cbc;
      absl::StatusOr<std::string> plain = OpenSslDecrypt(aes, key, iv, PadToBlocks(std::move(data), 16));
      if (!plain.ok()) return plain.status();
      return Unpad(*plain);
    }
    if (iv.size() == 32) {
      absl::StatusOr<std::string> plain = Rijndael256CbcDecrypt(key_, iv, PadToBlocks(std::move(data), 32));
      if (!plain.ok()) return plain.status();
      return Unpad(*plain);
    }
    return absl::InvalidArgumentError("Init vector must be a string of 16 or 32 bytes.");
  }
  if (key_.size() > 56) return absl::InvalidArgumentError("Key must not exceed 56 bytes.");
  std::string data = PhpBase64Decode(value);
  if (data.empty()) return std::string();
  absl::StatusOr<std::string> plain =
      OpenSslDecrypt(Ciphers().blowfish_ecb, key_, "", PadToBlocks(std::move(data), 8));
  if (!plain.ok()) return plain.status();
  return Unpad(*plain);
}

absl::StatusOr<Magento2Encryptor> Magento2Encryptor::Create(absl::string_view crypt_keys) {
  if (sodium_init() < 0) return absl::InternalError("libsodium could not start");
  std::vector<absl::string_view> keys =
      absl::StrSplit(crypt_keys, absl::ByAnyChar(" \t\n\v\f\r"), absl::SkipEmpty());
  if (keys.empty()) return absl::InvalidArgumentError("no Magento 2 encryption key given");
  std::string key(keys.back());
  if (absl::StartsWith(key, "base64")) key = PhpBase64Decode(absl::string_view(key).substr(6));
  if (key.size() != crypto_aead_chacha20poly1305_IETF_KEYBYTES) {
    return absl::InvalidArgumentError(
        "key size should be SODIUM_CRYPTO_AEAD_CHACHA20POLY1305_IETF_KEYBYTES bytes");
  }
  return Magento2Encryptor(std::move(key), absl::StrCat(keys.size() - 1, ":3:"));
}

std::string Magento2Encryptor::Encrypt(absl::string_view plaintext) const {
  constexpr size_t kNonceSize = crypto_aead_chacha20poly1305_IETF_NPUBBYTES;
  std::string sealed(kNonceSize + plaintext.size() + crypto_aead_chacha20poly1305_IETF_ABYTES, '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(sealed.data());
  randombytes_buf(nonce, kNonceSize);
  unsigned long long ciphertext_size = 0;
  crypto_aead_chacha20poly1305_ietf_encrypt(
      nonce + kNonceSize, &ciphertext_size, reinterpret_cast<const unsigned char*>(plaintext.data()),
      plaintext.size(), nonce, kNonceSize, nullptr, nonce,
      reinterpret_cast<const unsigned char*>(key_.data()));
  sealed.resize(kNonceSize + ciphertext_size);
  return absl::StrCat(prefix_, absl::Base64Escape(sealed));
}

}  // namespace migrate::mapping::crypt
