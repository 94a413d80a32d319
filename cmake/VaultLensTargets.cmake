# SPDX-License-Identifier: GPL-3.0-or-later
# Compile settings every VaultLens target shares. They are applied per target,
# never directory-wide, so one layer cannot see another's headers by accident.

set(VAULTLENS_QT_DEFINES
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_NO_KEYWORDS
    QT_DISABLE_DEPRECATED_BEFORE=0x060400)

if(VAULTLENS_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                        -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()

function(vaultlens_configure_target target)
    target_compile_definitions(${target} PRIVATE ${VAULTLENS_QT_DEFINES})
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                           -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual)
    if(VAULTLENS_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()
