# SPDX-License-Identifier: GPL-3.0-or-later
# Microsoft Graph: principal serializers against tests/data/graph, and the query pieces.
vaultlens_add_test(tst_graphserializer LABEL unit SOURCES tst_graphserializer.cpp LIBS vaultlens_core)
vaultlens_add_test(tst_graphquery LABEL unit SOURCES tst_graphquery.cpp LIBS vaultlens_core)
