# SPDX-License-Identifier: GPL-3.0-or-later
# Error parsing, the request journal and the flow explainer.
vaultlens_add_test(tst_azureerror LABEL unit SOURCES tst_azureerror.cpp ErrorTestSupport.h LIBS vaultlens_core)
vaultlens_add_test(tst_azureerrortext LABEL unit SOURCES tst_azureerrortext.cpp ErrorTestSupport.h LIBS vaultlens_core)
vaultlens_add_test(tst_accessdenialerrors LABEL unit SOURCES tst_accessdenialerrors.cpp ErrorTestSupport.h LIBS vaultlens_core)
vaultlens_add_test(tst_requestrecord LABEL unit SOURCES tst_requestrecord.cpp LIBS vaultlens_core)
vaultlens_add_test(tst_requestjournal LABEL unit SOURCES tst_requestjournal.cpp LIBS vaultlens_core)
vaultlens_add_test(tst_rolesuggestion LABEL unit SOURCES tst_rolesuggestion.cpp LIBS vaultlens_core)
vaultlens_add_test(tst_flowexplainer LABEL unit SOURCES tst_flowexplainer.cpp LIBS vaultlens_core)
vaultlens_add_test(tst_flowexplainertexts LABEL unit SOURCES tst_flowexplainertexts.cpp LIBS vaultlens_core)
vaultlens_add_test(tst_har LABEL unit SOURCES tst_har.cpp LIBS vaultlens_core)
