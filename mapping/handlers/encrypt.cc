// \Migration\Handler\Encrypt and \Migration\Handler\Settings\Encrypt: a Magento 1 encrypted value
// (the handled field; "value" for Settings\Encrypt) decrypted with the config option crypt_key and
// encrypted again the Magento 2 way (magento_crypt.h) with the option crypt_key_destination, the
// crypt/key of the Magento 2 app/etc/env.php (the DMT, running inside Magento 2, reads it there).
// NULL, "" and "0" stay as they are. As in Magento, a missing option is an error only once a value
// needs it: "\"crypt_key\" option is not defined the configuration." (and the same words for
// crypt_key_destination), as are a key the ciphers refuse and an IV of the wrong size.
#include <string>

#include "absl/strings/str_cat.h"
#include "mapping/config.h"
#include "mapping/handlers/factories.h"
#include "mapping/handlers/magento_crypt.h"
#include "mapping/handlers/php_truth.h"

namespace migrate::mapping::handlers {
namespace {

absl::Status MissingOption(absl::string_view option) {
  return absl::FailedPreconditionError(
      absl::StrCat("\"", option, "\" option is not defined the configuration."));
}

class Encrypt : public Handler {
 public:
  Encrypt(size_t field, absl::StatusOr<crypt::Magento1Decryptor> decryptor,
          absl::StatusOr<crypt::Magento2Encryptor> encryptor)
      : field_(field), decryptor_(std::move(decryptor)), encryptor_(std::move(encryptor)) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    for (size_t row = 0; row < target.row_count(); ++row) {
      const absl::string_view value = target.Value(row, field_);
      if (!php::Truthy(target.IsNull(row, field_), value)) continue;
      if (!decryptor_.ok()) return decryptor_.status();
      if (!encryptor_.ok()) return encryptor_.status();
      absl::StatusOr<std::string> plain = decryptor_->Decrypt(value);
      if (!plain.ok()) return plain.status();
      target.Set(row, field_, encryptor_->Encrypt(*plain));
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
  const absl::StatusOr<crypt::Magento1Decryptor> decryptor_;
  const absl::StatusOr<crypt::Magento2Encryptor> encryptor_;
};

HandlerOrError MakeEncryptOf(const HandlerArgs& args, absl::StatusOr<size_t> field) {
  if (!field.ok()) return field.status();
  const Config* config = args.context().config;
  const std::string source_key = config == nullptr ? "" : config->options().crypt_key();
  const std::string destination_key =
      config == nullptr ? "" : config->options().Get("crypt_key_destination");
  absl::StatusOr<crypt::Magento1Decryptor> decryptor = MissingOption("crypt_key");
  // PHP's empty(): "" and "0" are no key.
  if (php::Truthy(false, source_key)) decryptor = crypt::Magento1Decryptor(source_key);
  absl::StatusOr<crypt::Magento2Encryptor> encryptor = MissingOption("crypt_key_destination");
  if (php::Truthy(false, destination_key)) {
    encryptor = crypt::Magento2Encryptor::Create(destination_key);
    if (!encryptor.ok()) return args.Error(absl::StrCat("crypt_key_destination: ", encryptor.status().message()));
  }
  return std::make_unique<Encrypt>(*field, std::move(decryptor), std::move(encryptor));
}

}  // namespace

HandlerOrError MakeEncrypt(const HandlerArgs& args) {
  return MakeEncryptOf(args, args.HandledField());
}

HandlerOrError MakeSettingsEncrypt(const HandlerArgs& args) {
  return MakeEncryptOf(args, args.Field("value"));
}

}  // namespace migrate::mapping::handlers
