# SPDX-License-Identifier: GPL-3.0-or-later
# Resource Manager types, serializers and client (the vault and role types the
# access engine needs are listed in core/CMakeLists.txt).
target_sources(vaultlens_core PRIVATE
    arm/JsonReader.h arm/JsonReader.cpp
    arm/ResourceTypes.h
    arm/ResourceSerializer.h arm/ResourceSerializer.cpp
    arm/ArmRequests.h
    arm/ArmRequestSerializer.h arm/ArmRequestSerializer.cpp
    arm/ResourceGraph.h
    arm/ResourceGraphSerializer.h arm/ResourceGraphSerializer.cpp
)
target_sources(vaultlens_core PRIVATE
    arm/ArmClient.h arm/ArmClient.cpp
)
