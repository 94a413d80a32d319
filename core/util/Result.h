// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/AzureError.h"

#include <optional>
#include <utility>

namespace vl {

/**
 * @brief The outcome of a fallible call: a value, or the AzureError that
 * explains why there is none.
 *
 * Every client call answers with a `QFuture<Result<T>>`; the future itself is
 * never failed with an exception, so continuations only look at the Result.
 */
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    {}
    Result(AzureError error)
        : m_error(std::move(error))
    {}

    [[nodiscard]] bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    [[nodiscard]] const T &value() const & { return *m_value; }
    [[nodiscard]] T &value() & { return *m_value; }
    [[nodiscard]] T &&value() && { return std::move(*m_value); }
    [[nodiscard]] const T *operator->() const { return &*m_value; }
    [[nodiscard]] const T &operator*() const { return *m_value; }

    /// The error; a default AzureError (kind None) when the call succeeded.
    [[nodiscard]] const AzureError &error() const { return m_error; }

private:
    std::optional<T> m_value;
    AzureError m_error;
};

/// A call that answers nothing but success or an error.
struct Done
{};

} // namespace vl
