# SPDX-License-Identifier: GPL-3.0-or-later
# Resource Manager types and serializers.
vaultlens_add_test(tst_jsonreader LABEL unit SOURCES tst_jsonreader.cpp LIBS vaultlens_core)
vaultlens_add_test(tst_resourceserializer LABEL unit SOURCES tst_resourceserializer.cpp LIBS vaultlens_core)
vaultlens_add_test(tst_armrequestserializer LABEL unit SOURCES tst_armrequestserializer.cpp LIBS vaultlens_core)
vaultlens_add_test(tst_resourcegraphserializer LABEL unit SOURCES tst_resourcegraphserializer.cpp LIBS vaultlens_core)
# ArmClient against a scripted transport: the requests it sends and how it reads answers.
vaultlens_add_test(tst_armclientrequests LABEL unit SOURCES tst_armclientrequests.cpp LIBS vaultlens_core)
