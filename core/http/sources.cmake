# SPDX-License-Identifier: GPL-3.0-or-later
# The request pipeline: policies, transport and the clients' common call helpers.
target_sources(vaultlens_core PRIVATE
    http/HttpTypes.h http/HttpTypes.cpp
    http/HttpPipeline.h http/HttpPipeline.cpp
    http/AllPages.h
    http/ClientCall.h http/ClientCall.cpp
    http/RequestIdPolicy.h http/RequestIdPolicy.cpp
    http/RetryPolicy.h http/RetryPolicy.cpp
    http/AuthenticationPolicy.h http/AuthenticationPolicy.cpp
    http/JournalPolicy.h http/JournalPolicy.cpp
    http/NetworkTransport.h http/NetworkTransport.cpp
    http/Pipelines.h http/Pipelines.cpp
    util/Result.h util/Future.h
)
