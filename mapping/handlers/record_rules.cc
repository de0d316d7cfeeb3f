// Magento's handlers that set a field from other fields of the same or the opposite record:
// - \Migration\Handler\GetDestinationValue(setNullIfEmpty = false): the field takes the opposite
//   record's value of the same field (NULL when the opposite side has no such field) when that is
//   not NULL, or always when setNullIfEmpty is exactly "true".
// - \Migration\Handler\SalesOrderStatusState\SetVisibleOnFront: visible_on_front = 0 for the
//   status-state pairs pending_ogone/pending_payment, pending_payment/pending_payment and
//   processed_ogone/processing and for the state pending_payment; 1 otherwise.
// - \Migration\Handler\GetEventStatus: the catalog event status from date_start and date_end against
//   the current UTC time as "Y-m-d H:i:s" text, compared as PHP compares these strings (NULL as ""):
//   0 (open) when start <= now < end, 1 (upcoming) when now < start and now < end, else 2 (closed).
#include <string>
#include <utility>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "mapping/handlers/factories.h"

namespace migrate::mapping::handlers {
namespace {

class GetDestinationValue : public Handler {
 public:
  GetDestinationValue(size_t field, std::optional<size_t> opposite_field, bool set_null_if_empty)
      : field_(field), opposite_field_(opposite_field), set_null_if_empty_(set_null_if_empty) {}

  absl::Status Handle(FieldValues& target, const FieldValues& opposite) const override {
    for (size_t row = 0; row < target.row_count(); ++row) {
      const bool opposite_null = !opposite_field_.has_value() || opposite.IsNull(row, *opposite_field_);
      if (!opposite_null) {
        target.Set(row, field_, opposite.Value(row, *opposite_field_));
      } else if (set_null_if_empty_) {
        target.SetNull(row, field_);
      }
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
  const std::optional<size_t> opposite_field_;
  const bool set_null_if_empty_;
};

class SetVisibleOnFront : public Handler {
 public:
  SetVisibleOnFront(size_t visible_on_front, size_t status, size_t state)
      : visible_on_front_(visible_on_front), status_(status), state_(state) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    for (size_t row = 0; row < target.row_count(); ++row) {
      const absl::string_view status = target.Value(row, status_);
      const absl::string_view state = target.Value(row, state_);
      const bool state_invisible = !target.IsNull(row, state_) && state == "pending_payment";
      const bool initially_invisible = (status == "pending_ogone" && state == "pending_payment") ||
                                       (status == "pending_payment" && state == "pending_payment") ||
                                       (status == "processed_ogone" && state == "processing");
      target.Set(row, visible_on_front_, state_invisible || initially_invisible ? "0" : "1");
    }
    return absl::OkStatus();
  }

 private:
  const size_t visible_on_front_;
  const size_t status_;
  const size_t state_;
};

class GetEventStatus : public Handler {
 public:
  GetEventStatus(size_t field, size_t date_start, size_t date_end)
      : field_(field), date_start_(date_start), date_end_(date_end) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    const std::string now = absl::FormatTime("%Y-%m-%d %H:%M:%S", absl::Now(), absl::UTCTimeZone());
    for (size_t row = 0; row < target.row_count(); ++row) {
      const absl::string_view start = target.Value(row, date_start_);
      const absl::string_view end = target.Value(row, date_end_);
      absl::string_view status = "2";
      if (start <= now && end > now) {
        status = "0";
      } else if (start > now && end > now) {
        status = "1";
      }
      target.Set(row, field_, status);
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
  const size_t date_start_;
  const size_t date_end_;
};

}  // namespace

HandlerOrError MakeGetDestinationValue(const HandlerArgs& args) {
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  const HandlerParam* set_null = args.Optional("setNullIfEmpty");
  return std::make_unique<GetDestinationValue>(*field, args.context().OppositeFieldIndex(args.context().field),
                                               set_null != nullptr && set_null->value == "true");
}

HandlerOrError MakeSalesOrderStatusStateSetVisibleOnFront(const HandlerArgs& args) {
  if (absl::StatusOr<size_t> field = args.HandledField(); !field.ok()) return field.status();
  absl::StatusOr<size_t> visible_on_front = args.Field("visible_on_front");
  if (!visible_on_front.ok()) return visible_on_front.status();
  absl::StatusOr<size_t> status = args.Field("status");
  if (!status.ok()) return status.status();
  absl::StatusOr<size_t> state = args.Field("state");
  if (!state.ok()) return state.status();
  return std::make_unique<SetVisibleOnFront>(*visible_on_front, *status, *state);
}

HandlerOrError MakeGetEventStatus(const HandlerArgs& args) {
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  absl::StatusOr<size_t> date_start = args.Field("date_start");
  if (!date_start.ok()) return date_start.status();
  absl::StatusOr<size_t> date_end = args.Field("date_end");
  if (!date_end.ok()) return date_end.status();
  return std::make_unique<GetEventStatus>(*field, *date_start, *date_end);
}

}  // namespace migrate::mapping::handlers
